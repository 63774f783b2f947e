using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace WorkflowService.Runtime.Notifications.Robots;

/// <summary>
/// The optional signatures (加签 / 签名校验) of DingTalk and Feishu robots. Both are HMAC-SHA256 over the
/// timestamp and the secret, Base64, but the two differ in everything else, and a swap gives only "sign not
/// match": DingTalk keys the HMAC with the secret and signs <c>"{ms}\n{secret}"</c>, in the query string;
/// Feishu keys it with <c>"{s}\n{secret}"</c> and signs nothing, in the body. A signature is valid for an
/// hour, so it is computed per attempt, never stored with the message.
/// </summary>
public static class RobotSigning
{
    /// <summary>DingTalk: Base64 of HMAC-SHA256(key = secret, message = "{ms}\n{secret}"), not yet URL-encoded.</summary>
    public static string DingTalk(long unixMilliseconds, string secret)
    {
        var toSign = unixMilliseconds.ToString(CultureInfo.InvariantCulture) + "\n" + secret;
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(toSign)));
    }

    /// <summary>DingTalk's query-string tail: <c>timestamp</c> and the signature, URL-encoded exactly once.</summary>
    public static string DingTalkQuery(long unixMilliseconds, string secret) =>
        $"timestamp={unixMilliseconds.ToString(CultureInfo.InvariantCulture)}&sign={Uri.EscapeDataString(DingTalk(unixMilliseconds, secret))}";

    /// <summary>Feishu: Base64 of HMAC-SHA256(key = "{s}\n{secret}", message = empty).</summary>
    public static string Feishu(long unixSeconds, string secret)
    {
        var key = unixSeconds.ToString(CultureInfo.InvariantCulture) + "\n" + secret;
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Array.Empty<byte>()));
    }
}
