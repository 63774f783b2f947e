using System.Globalization;

namespace WorkflowService.Benchmarks.Support;

/// <summary>Where every benchmark mode leaves its report: printed, and written beside BenchmarkDotNet's own results.</summary>
internal static class ReportFile
{
    /// <summary>
    /// Prints <paramref name="markdown"/> (unless <paramref name="print"/> is false: the mode printed it as it went) and
    /// writes it to <c>BenchmarkDotNet.Artifacts/results/{name}-{UTC time}.md</c>; returns the file's full path.
    /// </summary>
    public static async Task<string> PublishAsync(string name, string markdown, bool print = true)
    {
        if (print)
        {
            Console.WriteLine();
            Console.WriteLine(markdown);
        }
        var file = Path.GetFullPath(Path.Combine("BenchmarkDotNet.Artifacts", "results",
            string.Create(CultureInfo.InvariantCulture, $"{name}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.md")));
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, markdown);
        return file;
    }
}
