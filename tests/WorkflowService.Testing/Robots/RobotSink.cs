using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace WorkflowService.Testing.Robots;

/// <summary>What a sink received: the kind it stood in for, the body, and whether the signature checked out.</summary>
public sealed record RobotHit(string Kind, string Path, string Query, string Body, bool SignatureValid)
{
    /// <summary>When the sink received it (the wall clock).</summary>
    public DateTimeOffset At { get; init; } = DateTimeOffset.UtcNow;

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>
/// An in-process HTTP server (Kestrel on 127.0.0.1) standing in for WeCom, DingTalk and Feishu robots at once:
/// <c>/wecom/send?key=…</c>, <c>/dingtalk/robot/send?access_token=…</c>, <c>/feishu/hook/…</c>. It checks each
/// signature the way the product does (its own HMAC code, not the service's), answers success unless a test
/// queued another answer for that kind, and records every request.
/// </summary>
public sealed class RobotSink : IAsyncDisposable
{
    public const string DingTalkSecret = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    public const string FeishuSecret = "feishu-secret-42";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, string Body)>> _answers = new();

    public ConcurrentQueue<RobotHit> Hits { get; } = new();
    public string BaseUrl { get; }

    private RobotSink(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string WeComUrl(string key = "wecom-key-1") => $"{BaseUrl}/wecom/send?key={key}";
    public string DingTalkUrl(string token = "ding-token-1") => $"{BaseUrl}/dingtalk/robot/send?access_token={token}";
    public string FeishuUrl(string hook = "feishu-hook-1") => $"{BaseUrl}/feishu/hook/{hook}";

    public IReadOnlyList<RobotHit> Of(string kind) => [.. Hits.Where(h => h.Kind == kind)];

    /// <summary>The next request for <paramref name="kind"/> gets this answer instead of success.</summary>
    public void AnswerNext(string kind, int status, string body) =>
        _answers.GetOrAdd(kind, _ => new ConcurrentQueue<(int, string)>()).Enqueue((status, body));

    public static async Task<RobotSink> StartAsync()
    {
        // Empty: no configuration files, so no file watchers (the machine's inotify instances are few and shared).
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        RobotSink? sink = null;
        app.MapPost("/{kind}/{**rest}", async (string kind, HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            return sink!.Handle(kind, http.Request.Path, http.Request.QueryString.Value ?? "", body);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        sink = new RobotSink(app, address.TrimEnd('/'));
        return sink;
    }

    private IResult Handle(string kind, string path, string query, string body)
    {
        var valid = kind switch
        {
            "dingtalk" => DingTalkValid(query),
            "feishu" => FeishuValid(body),
            _ => true,
        };
        Hits.Enqueue(new RobotHit(kind, path, query, body, valid));
        if (_answers.TryGetValue(kind, out var queue) && queue.TryDequeue(out var answer))
            return Results.Text(answer.Body, "application/json", Encoding.UTF8, answer.Status);
        if (!valid)
        {
            return kind == "feishu"
                ? Results.Text("""{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}""", "application/json")
                : Results.Text("""{"errcode":310000,"errmsg":"sign not match"}""", "application/json");
        }
        return Results.Text(kind == "feishu" ? """{"code":0,"data":{},"msg":"success"}""" : """{"errcode":0,"errmsg":"ok"}""", "application/json");
    }

    /// <summary>DingTalk: the query's sign is Base64(HMAC-SHA256(secret, "{ms}\n{secret}")), within an hour.</summary>
    private static bool DingTalkValid(string query)
    {
        var q = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);
        if (!q.TryGetValue("timestamp", out var ts) || !q.TryGetValue("sign", out var sign)) return false;
        var ms = long.Parse(ts!, CultureInfo.InvariantCulture);
        if (Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - ms) > 3_600_000) return false;
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(DingTalkSecret));
        var expected = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes($"{ts}\n{DingTalkSecret}")));
        return expected == sign;
    }

    /// <summary>Feishu: the body's sign is Base64(HMAC-SHA256(key "{s}\n{secret}", empty)), within an hour.</summary>
    private static bool FeishuValid(string body)
    {
        var json = JsonDocument.Parse(body).RootElement;
        if (!json.TryGetProperty("timestamp", out var ts) || !json.TryGetProperty("sign", out var sign)) return false;
        var seconds = long.Parse(ts.GetString()!, CultureInfo.InvariantCulture);
        if (Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) > 3600) return false;
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes($"{seconds}\n{FeishuSecret}"));
        return Convert.ToBase64String(hmac.ComputeHash([])) == sign.GetString();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
