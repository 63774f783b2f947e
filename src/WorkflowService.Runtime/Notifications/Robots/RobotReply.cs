using System.Net;
using System.Text.Json;

namespace WorkflowService.Runtime.Notifications.Robots;

/// <summary>What an answer from a robot means: sent, try again later, or never (a configuration error).</summary>
public enum RobotOutcome
{
    Sent,
    Retry,
    Failed,
}

/// <param name="Error">For the outbox row and the log: the status or code and the product's message; never the URL.</param>
public sealed record RobotReply(RobotOutcome Outcome, string? Error)
{
    private const int MaxMessage = 300;

    /// <summary>
    /// All three answer most errors with HTTP 200 and a code in the JSON, so the body decides: WeCom and
    /// DingTalk <c>errcode</c>, Feishu <c>code</c> (older servers <c>StatusCode</c>), 0 being success. The
    /// throttle codes are retried (WeCom 45009/45033, DingTalk 130101, Feishu 11232 and 9499 "too many
    /// request", which comes with HTTP 400); any other code is a setting to fix (a wrong key, secret, keyword
    /// or allow-list), so retrying would not help. A body that is not JSON, a 5xx or 429 are retried.
    /// </summary>
    public static RobotReply Read(RobotKind kind, HttpStatusCode status, string body)
    {
        var code = (int)status;
        if (!TryParse(body, out var json))
        {
            return code is >= 200 and < 300 or >= 500 or 429
                ? new RobotReply(RobotOutcome.Retry, $"HTTP {code}: the answer is not JSON")
                : new RobotReply(RobotOutcome.Failed, $"HTTP {code}");
        }
        var (errorCode, message) = kind == RobotKind.Feishu ? FeishuCode(json) : (Int(json, "errcode"), Text(json, "errmsg"));
        if (errorCode == 0 && code is >= 200 and < 300) return new RobotReply(RobotOutcome.Sent, null);
        if (errorCode is null or 0)
        {
            return code is >= 500 or 429
                ? new RobotReply(RobotOutcome.Retry, $"HTTP {code}")
                : new RobotReply(code is >= 200 and < 300 ? RobotOutcome.Retry : RobotOutcome.Failed,
                    $"HTTP {code}: the answer has no result code");
        }
        var error = $"HTTP {code}, code {errorCode}: {Short(message)}";
        return new RobotReply(IsThrottle(kind, errorCode.Value, message) ? RobotOutcome.Retry : RobotOutcome.Failed, error);
    }

    private static bool IsThrottle(RobotKind kind, int code, string? message) => kind switch
    {
        RobotKind.WeCom => code is 45009 or 45033,
        RobotKind.DingTalk => code is 130101,
        RobotKind.Feishu => code is 11232
                            || (code is 9499 && message?.Contains("too many", StringComparison.OrdinalIgnoreCase) == true),
        _ => false,
    };

    /// <summary><c>code</c> when present (even beside a <c>StatusCode</c> of 0), else the older <c>StatusCode</c>.</summary>
    private static (int?, string?) FeishuCode(JsonElement json) =>
        Int(json, "code") is { } code ? (code, Text(json, "msg")) : (Int(json, "StatusCode"), Text(json, "StatusMessage"));

    private static bool TryParse(string body, out JsonElement json)
    {
        json = default;
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return false;
            json = doc.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static int? Int(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : null;

    private static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>
    /// The product's message without WeCom's <c>hint: [...]</c> and "more info at" tail (ids and links of no use
    /// to an admin), and short: it is stored on the row and logged.
    /// </summary>
    private static string Short(string? message)
    {
        var text = message ?? "";
        foreach (var tail in new[] { ", hint:", " hint:", "hint: [", ", more info", " more info at", ", from ip" })
        {
            var at = text.IndexOf(tail, StringComparison.OrdinalIgnoreCase);
            if (at > 0) text = text[..at];
        }
        text = text.Trim().TrimEnd(',', '.');
        return text.Length <= MaxMessage ? text : text[..MaxMessage];
    }
}
