namespace WorkflowService.Engine.Tests.Corpus;

/// <summary>
/// Finds the shared BPMN corpus (public files used for robustness tests, never copied into the
/// repository). WORKFLOWSERVICE_CORPUS wins; otherwise <c>../shared/corpus</c> next to the
/// directory that holds WorkflowService.sln. Tests that need it call <see cref="Require"/>: it
/// skips the test when the corpus is absent, or fails when WORKFLOWSERVICE_REQUIRE_CORPUS=1
/// (as CI sets), so a CI run can never pass by silently testing nothing.
/// </summary>
public static class CorpusLocator
{
    public const string CorpusVariable = "WORKFLOWSERVICE_CORPUS";
    public const string RequireVariable = "WORKFLOWSERVICE_REQUIRE_CORPUS";
    private const string SolutionFile = "WorkflowService.sln";

    /// <summary>The corpus directory, or null; <paramref name="lookedAt"/> says where it looked.</summary>
    public static string? Find(out string lookedAt)
    {
        var configured = Environment.GetEnvironmentVariable(CorpusVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            lookedAt = $"{Path.GetFullPath(configured)} (from {CorpusVariable})";
            return Directory.Exists(configured) ? Path.GetFullPath(configured) : null;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, SolutionFile))) continue;
            var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "corpus"));
            lookedAt = candidate;
            return Directory.Exists(candidate) ? candidate : null;
        }
        lookedAt = $"../shared/corpus beside {SolutionFile} (no {SolutionFile} above {AppContext.BaseDirectory}; set {CorpusVariable})";
        return null;
    }

    /// <summary>The corpus directory; skips the calling [SkippableFact] or fails when CI requires it.</summary>
    public static string Require()
    {
        var directory = Find(out var lookedAt);
        if (directory is not null) return directory;
        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
            throw new Xunit.Sdk.XunitException($"corpus not found at {lookedAt}, and {RequireVariable}=1 requires it");
        throw new SkipException($"corpus not found at {lookedAt}");
    }

    /// <summary>A file of the corpus by its path relative to the corpus root ('/' separators).</summary>
    public static string PathOf(string relativePath) =>
        Path.Combine([Require(), .. relativePath.Split('/')]);

    /// <summary>Every BPMN file of the corpus (<c>*.bpmn</c>, <c>*.bpmn20.xml</c>), in a stable order.</summary>
    public static IReadOnlyList<string> BpmnFiles(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".bpmn", StringComparison.OrdinalIgnoreCase) ||
                        f.EndsWith(".bpmn20.xml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
}
