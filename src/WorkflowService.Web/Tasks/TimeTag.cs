using System.Globalization;
using Microsoft.AspNetCore.Html;

namespace WorkflowService.Web.Tasks;

/// <summary>
/// A point in time as <c>&lt;time datetime="ISO"&gt;</c>: the server writes UTC, and app.js
/// (ws.localizeTimes) shows it in the page's language and the browser's time zone.
/// </summary>
public static class TimeTag
{
    public static IHtmlContent Of(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        var iso = utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var text = utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        return new HtmlString($"<time datetime=\"{iso}\">{text}</time>");
    }
}
