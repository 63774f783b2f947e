namespace WorkflowService.Benchmarks.Support;

/// <summary>
/// The checkout the benchmarks run from. BenchmarkDotNet runs each benchmark in a child process
/// built under <c>bin/</c>, so the base directory moves; walking up to WorkflowService.sln finds the
/// shipped files from either process without copying them into the output.
/// </summary>
internal static class RepositoryRoot
{
    private const string SolutionFile = "WorkflowService.sln";

    public static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, SolutionFile))) return dir.FullName;
        }
        throw new DirectoryNotFoundException(
            $"No {SolutionFile} above {AppContext.BaseDirectory} or {Directory.GetCurrentDirectory()}; run the benchmarks from the checkout");
    }

    /// <summary>A file of the checkout by its path relative to the root ('/' separators).</summary>
    public static string PathOf(string relativePath) => Path.Combine([Find(), .. relativePath.Split('/')]);
}
