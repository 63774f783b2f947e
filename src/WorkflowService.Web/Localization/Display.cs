using System.Globalization;
using Microsoft.AspNetCore.Html;

namespace WorkflowService.Web.Localization;

/// <summary>How pages show times and spans of time.</summary>
public static class Display
{
    /// <summary>
    /// <c>&lt;time datetime="ISO"&gt;</c> with a UTC fallback text; the browser rewrites it in the
    /// page's language and the user's time zone (app.js).
    /// </summary>
    public static IHtmlContent Time(DateTimeOffset? at)
    {
        if (at is not { } value) return HtmlString.Empty;
        var utc = value.ToUniversalTime();
        return new HtmlString($"<time datetime=\"{utc.ToString("O", CultureInfo.InvariantCulture)}\">" +
                              $"{utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC</time>");
    }

    /// <summary>The Bootstrap badge colour of an instance status.</summary>
    public static string StatusBadge(string status) => status switch
    {
        "Running" => "text-bg-primary",
        "Completed" => "text-bg-success",
        "Failed" => "text-bg-danger",
        _ => "text-bg-secondary",
    };

    /// <summary>A span in its two largest units ("2 d 3 h", "4 min 5 s"), in the current language.</summary>
    public static string Span(TimeSpan span, T t)
    {
        span = span.Duration();
        var parts = new (int Value, string Key)[]
        {
            ((int)span.TotalDays, "Duration.Days"), (span.Hours, "Duration.Hours"), (span.Minutes, "Duration.Minutes"),
            (span.Seconds, "Duration.Seconds"),
        };
        var first = Array.FindIndex(parts, p => p.Value > 0);
        if (first < 0) return t.Format("Duration.Seconds", 0);
        return string.Join(" ", parts.Skip(first).Take(2).Where(p => p.Value > 0).Select(p => t.Format(p.Key, p.Value)));
    }
}
