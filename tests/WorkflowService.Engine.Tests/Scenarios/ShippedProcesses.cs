using System.Collections.Concurrent;
using WorkflowService.Engine.Model;
using WorkflowService.Engine.Parsing;

namespace WorkflowService.Engine.Tests.Scenarios;

/// <summary>
/// The processes the product ships, read from the repository's <c>workflows/</c> folder exactly as
/// they are deployed (never copies), so a scenario test fails when a shipped file changes behaviour.
/// Each file must parse with no error (and no warning); models are immutable and shared between tests.
/// </summary>
internal static class ShippedProcesses
{
    private const string SolutionFile = "WorkflowService.sln";
    private static readonly ConcurrentDictionary<string, ProcessModel> Parsed = new(StringComparer.Ordinal);

    public static ProcessModel Repair => Load("repair.bpmn");
    public static ProcessModel Training => Load("training.bpmn");
    public static ProcessModel Replacement => Load("replacement.bpmn");
    public static ProcessModel Complaint => Load("complaint.bpmn");
    public static ProcessModel HotlineCall => Load("hotline-call.bpmn");
    public static ProcessModel CustomerRevisit => Load("customer-revisit.bpmn");

    /// <summary>Every shipped file, each with a scenario test class of its own.</summary>
    public static readonly IReadOnlyList<string> FileNames =
        ["complaint.bpmn", "customer-revisit.bpmn", "hotline-call.bpmn", "repair.bpmn", "replacement.bpmn", "training.bpmn"];

    /// <summary>The <c>workflows/</c> folder beside WorkflowService.sln, found walking up from the test binaries.</summary>
    public static string Folder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, SolutionFile))) return Path.Combine(dir.FullName, "workflows");
            }
            throw new Xunit.Sdk.XunitException($"No {SolutionFile} above {AppContext.BaseDirectory}: cannot find workflows/");
        }
    }

    public static ProcessModel Load(string fileName) => Parsed.GetOrAdd(fileName, Parse);

    private static ProcessModel Parse(string fileName)
    {
        var path = Path.Combine(Folder, fileName);
        using var stream = File.OpenRead(path);
        var result = new BpmnParser().Parse(stream);
        Assert.True(result.Success, $"{fileName} is refused:\n{string.Join("\n", result.Errors)}");
        // Warnings too: a shipped file is the example every designer user starts from.
        Assert.True(result.Diagnostics.IsEmpty, $"{fileName} has findings:\n{string.Join("\n", result.Diagnostics)}");
        return Assert.Single(result.Processes);
    }
}
