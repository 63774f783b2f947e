using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace WorkflowService.Runtime.Mail;

/// <summary>
/// The plain-text alternative of a rendered HTML body, for clients and filters that read no
/// HTML. Only meant for our own simple, well-formed templates: blocks become lines, cells are
/// spaced, links keep their address, tags go. Not a general HTML-to-text converter.
/// </summary>
internal static partial class PlainText
{
    public static string FromHtml(string html)
    {
        var text = Invisible().Replace(html, "");
        text = Links().Replace(text, m => m.Groups["text"].Value + " (" + m.Groups["href"].Value + ")");
        text = Cells().Replace(text, "  ");
        text = Lines().Replace(text, "\n");
        text = WebUtility.HtmlDecode(Tags().Replace(text, ""));

        var result = new StringBuilder();
        var blank = true;
        foreach (var raw in text.Split('\n'))
        {
            var line = Spaces().Replace(raw, " ").Trim();
            if (line.Length == 0 && blank) continue;
            blank = line.Length == 0;
            result.Append(line).Append('\n');
        }
        return result.ToString().TrimEnd() + "\n";
    }

    [GeneratedRegex(@"<(head|style|script)\b.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Invisible();

    [GeneratedRegex("""<a\b[^>]*?href\s*=\s*"(?<href>[^"]*)"[^>]*>(?<text>.*?)</a\s*>""", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Links();

    // Takes the source line break after it along, so a line break in the HTML source does not double it.
    [GeneratedRegex(@"(<br\s*/?>|</(p|div|tr|table|h[1-6]|li|ul|ol)\s*>)[ \t]*\r?\n?", RegexOptions.IgnoreCase)]
    private static partial Regex Lines();

    // A row's cells share a line, whatever the source layout.
    [GeneratedRegex(@"</t[dh]\s*>\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Cells();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"[ \t\r\f\v]+")]
    private static partial Regex Spaces();
}
