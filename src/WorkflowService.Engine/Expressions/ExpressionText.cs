using System.Globalization;

namespace WorkflowService.Engine.Expressions;

/// <summary>How messages quote what the user wrote and where in it something went wrong.</summary>
internal static class ExpressionText
{
    private const int MaxQuoted = 80;

    /// <summary>The text as written, shortened when long: messages end up in one-line UI toasts and logs.</summary>
    public static string Quote(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length <= MaxQuoted ? trimmed : trimmed[..(MaxQuoted - 3)] + "...";
    }

    /// <summary>"column 6" for one-line text, "line 2, column 3" otherwise (both 1-based).</summary>
    public static string Where(string text, int index)
    {
        index = Math.Clamp(index, 0, text.Length);
        var lineStart = index == 0 ? -1 : text.LastIndexOf('\n', index - 1);
        var column = index - lineStart;
        if (!text.Contains('\n')) return $"column {column}";
        var line = 1 + text.AsSpan(0, index).Count('\n');
        return $"line {line}, column {column}";
    }

    /// <summary>A 1-based line and 0-based column (as Acornima reports them) to an index in <paramref name="text"/>.</summary>
    public static int IndexOf(string text, int line, int column)
    {
        var index = 0;
        for (var current = 1; current < line && index < text.Length; index++)
            if (text[index] == '\n') current++;
        return Math.Min(index + Math.Max(column, 0), text.Length);
    }

    public static string Bytes(long bytes)
    {
        const long mb = 1024 * 1024;
        if (bytes >= mb)
            return bytes % mb == 0
                ? $"{bytes / mb} MB"
                : string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)mb:0.##} MB");
        return bytes >= 1024 && bytes % 1024 == 0 ? $"{bytes / 1024} KB" : $"{bytes} bytes";
    }

    public static string Milliseconds(TimeSpan span) =>
        string.Create(CultureInfo.InvariantCulture, $"{span.TotalMilliseconds:0.###} ms");

    public static string Count(int count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
