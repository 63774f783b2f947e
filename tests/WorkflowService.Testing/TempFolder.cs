namespace WorkflowService.Testing;

/// <summary>A fresh folder per test (or per host) under the system temp folder, removed on a best-effort basis.</summary>
public static class TempFolder
{
    public static string Root => Path.Combine(Path.GetTempPath(), "workflowservice-tests");

    public static string Create(string? prefix = null)
    {
        var path = Path.Combine(Root, (prefix ?? "") + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Deletes a folder if it can; a leftover temp folder is harmless, failing a test over it is not.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Still open by a pooled connection or a job that has not stopped yet.
        }
    }
}
