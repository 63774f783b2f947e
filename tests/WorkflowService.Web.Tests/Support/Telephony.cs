using System.Net.Http.Json;

namespace WorkflowService.Web.Tests.Support;

/// <summary>Plays the PBX: posts events to the telephony webhook with (or without) the shared secret.</summary>
public sealed class Telephony(HttpClient http, string? secret = Telephony.Secret)
{
    public const string Secret = "test-telephony-secret-0123456789";

    /// <summary>Host settings that let the webhook in, with the given ring length.</summary>
    public static Dictionary<string, string?> Settings(int ringSeconds = 5) => new()
    {
        ["Telephony:Secret"] = Secret,
        ["Hotline:RingSeconds"] = ringSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static string NewCallId() => $"call-{Guid.NewGuid():N}"[..21];

    public Task<HttpResponseMessage> SendAsync(object body) => SendAsync(JsonContent.Create(body));

    /// <summary>Sends <paramref name="json"/> as it is, malformed or not.</summary>
    public Task<HttpResponseMessage> SendJsonAsync(string json) =>
        SendAsync(new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    /// <summary>Sends <paramref name="content"/> as it is, of whatever content type.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/telephony/events") { Content = content };
        if (secret is not null) request.Headers.Add("X-Telephony-Secret", secret);
        return http.SendAsync(request);
    }

    public Task<HttpResponseMessage> RingAsync(string callId, string from = "+86 139 0571 2233", string to = "400-820-8820") =>
        SendAsync(new { callId, @event = "ringing", from, to, at = DateTimeOffset.UtcNow.ToString("O") });

    public Task<HttpResponseMessage> AnsweredAsync(string callId, string to) => SendAsync(new { callId, @event = "answered", to });

    public Task<HttpResponseMessage> EndedAsync(string callId) => SendAsync(new { callId, @event = "ended" });
}
