using System.Globalization;
using System.Diagnostics;
using System.Text;
using WorkflowService.Engine.Parsing;
using WorkflowService.Engine.Tests.Corpus;
using Xunit.Abstractions;

namespace WorkflowService.Engine.Tests.Parsing;

/// <summary>
/// Every public BPMN file of the shared corpus either parses or is refused with errors that point
/// at an element or a line, and never makes the parser throw.
/// </summary>
public sealed class CorpusParseTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void Every_corpus_file_parses_or_is_refused_with_located_errors()
    {
        var root = CorpusLocator.Require();
        var files = CorpusLocator.BpmnFiles(root);
        Assert.NotEmpty(files);

        var parser = new BpmnParser();
        var table = new StringBuilder();
        var unlocated = new List<string>();
        int parsed = 0, refused = 0;
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(root, file);
            using var stream = File.OpenRead(file);
            var result = parser.Parse(stream);
            if (result.Success)
            {
                parsed++;
                Assert.NotEmpty(result.Processes);
                table.AppendLine(CultureInfo.InvariantCulture, $"{relative} | parsed: {string.Join(", ", result.Processes.Select(p => $"{p.Key} ({p.Nodes.Count} nodes)"))}");
                continue;
            }
            refused++;
            Assert.Empty(result.Processes);
            var errors = result.Errors.ToList();
            table.AppendLine(CultureInfo.InvariantCulture, $"{relative} | refused ({errors.Count} errors): {errors[0]}");
            unlocated.AddRange(errors
                .Where(e => string.IsNullOrEmpty(e.ElementId) && e.Line <= 0)
                .Select(e => $"{relative}: {e}"));
        }

        output.WriteLine($"{files.Count} files: {parsed} parsed, {refused} refused");
        output.WriteLine(table.ToString());
        Assert.True(unlocated.Count == 0, "Errors without element id or line:\n" + string.Join("\n", unlocated));
    }

    [SkippableFact]
    public void Parsing_the_Camunda_invoice_example_takes_milliseconds()
    {
        var xml = File.ReadAllText(CorpusLocator.PathOf("camunda-bpm-platform/examples/invoice/src/main/resources/invoice.v2.bpmn"));
        var parser = new BpmnParser();
        parser.Parse(xml);

        var watch = Stopwatch.StartNew();
        const int runs = 20;
        for (var i = 0; i < runs; i++) parser.Parse(xml);
        watch.Stop();

        output.WriteLine($"{watch.Elapsed.TotalMilliseconds / runs:F2} ms per parse");
        Assert.True(watch.Elapsed.TotalMilliseconds / runs < 50, $"{watch.Elapsed.TotalMilliseconds / runs} ms per parse");
    }
}
