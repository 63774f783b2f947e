namespace WorkflowService.Testing;

/// <summary>Folders of the repository the tests run from, found upwards from the test binaries.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The shipped processes (<c>*.bpmn</c>) and email templates.</summary>
    public static string Workflows => Path.Combine(Root, "workflows");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WorkflowService.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("WorkflowService.sln not found above " + AppContext.BaseDirectory);
    }
}
