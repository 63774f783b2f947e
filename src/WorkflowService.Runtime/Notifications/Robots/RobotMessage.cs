using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowService.Runtime.Notifications.Robots;

/// <summary>A rendered notification: a one-line title and a markdown text (with its link in it).</summary>
public sealed record RobotMessage(string Title, string Markdown);

/// <summary>One HTTP request to a robot: where, and the JSON body.</summary>
public sealed record RobotRequest(Uri Url, string Body);

/// <summary>
/// Each kind's message format, markdown where the kind has it: WeCom <c>markdown.content</c> (at most 4096
/// bytes: cut, with a note), DingTalk <c>markdown</c> with a title (the chat list's preview) and text, Feishu an
/// interactive card with a <c>lark_md</c> block. Signing (when the robot has a secret) at <paramref name="now"/>.
/// </summary>
public static class RobotFormats
{
    public const int WeComMaxBytes = 4096;
    internal const string CutNote = "\n\n……（内容过长，已截断 / truncated）";

    public static RobotRequest Build(Robot robot, RobotMessage message, DateTimeOffset now)
    {
        var url = new Uri(robot.Url);
        return robot.Kind switch
        {
            RobotKind.WeCom => new RobotRequest(url, Json(new JsonObject
            {
                ["msgtype"] = "markdown",
                ["markdown"] = new JsonObject { ["content"] = Cut(Combined(message), WeComMaxBytes) },
            })),
            RobotKind.DingTalk => new RobotRequest(
                string.IsNullOrEmpty(robot.Secret) ? url : Append(url, RobotSigning.DingTalkQuery(now.ToUnixTimeMilliseconds(), robot.Secret)),
                Json(new JsonObject
                {
                    ["msgtype"] = "markdown",
                    ["markdown"] = new JsonObject { ["title"] = message.Title, ["text"] = Combined(message) },
                })),
            RobotKind.Feishu => new RobotRequest(url, Json(Feishu(robot.Secret, message, now))),
            _ => throw new ArgumentOutOfRangeException(nameof(robot), robot.Kind, "Unknown robot kind"),
        };
    }

    private static JsonObject Feishu(string? secret, RobotMessage message, DateTimeOffset now)
    {
        var body = new JsonObject();
        if (!string.IsNullOrEmpty(secret))
        {
            var seconds = now.ToUnixTimeSeconds();
            body["timestamp"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            body["sign"] = RobotSigning.Feishu(seconds, secret);
        }
        body["msg_type"] = "interactive";
        body["card"] = new JsonObject
        {
            ["header"] = new JsonObject
            {
                ["title"] = new JsonObject { ["tag"] = "plain_text", ["content"] = message.Title },
                ["template"] = "red",
            },
            ["elements"] = new JsonArray(new JsonObject
            {
                ["tag"] = "div",
                ["text"] = new JsonObject { ["tag"] = "lark_md", ["content"] = message.Markdown },
            }),
        };
        return body;
    }

    /// <summary>A heading line, then the text: WeCom and DingTalk show no title in the bubble.</summary>
    private static string Combined(RobotMessage message) => $"### {message.Title}\n{message.Markdown}";

    /// <summary>At most <paramref name="maxBytes"/> UTF-8 bytes, the note included, cut on a character boundary.</summary>
    internal static string Cut(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes) return text;
        var budget = maxBytes - Encoding.UTF8.GetByteCount(CutNote);
        var kept = new StringBuilder();
        var used = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (used + rune.Utf8SequenceLength > budget) break;
            kept.Append(rune.ToString());
            used += rune.Utf8SequenceLength;
        }
        return kept + CutNote;
    }

    private static Uri Append(Uri url, string query) =>
        new(url.OriginalString + (string.IsNullOrEmpty(url.Query) ? "?" : "&") + query);

    // Chinese stays as it is in the body (the default encoder would escape every character outside ASCII).
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    private static string Json(JsonObject body) => body.ToJsonString(Options);
}
