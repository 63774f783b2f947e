using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using WorkflowService.Benchmarks.Runtime;

namespace WorkflowService.Benchmarks.Http;

/// <summary>One <c>wrk</c> run: its requests/s, p50 and p99 (from <c>--latency</c>), and answers that were not 2xx/3xx.</summary>
internal sealed record WrkResult(double PerSecond, double P50, double P99, long Failed);

/// <summary>
/// The same cells driven by <c>wrk</c> (Debian's package) when it is installed: an outside client in C, one thread and
/// 16 keep-alive connections, so the figures can be set beside the issue's (which were <c>wrk</c>'s) and beside the .NET
/// client's. The benchmark runs without it; a REST start's body comes from a Lua script with a new business key each time.
/// </summary>
internal static partial class WrkCells
{
    public static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, "wrk")).FirstOrDefault(File.Exists);

    /// <summary>The cells (name, path, signed in, Lua script or null) for a folder to write the scripts to.</summary>
    public static IReadOnlyList<(string Name, string Path, bool SignedIn, string? Script)> Cells(string folder)
    {
        var start = Path.Combine(folder, "wrk-start.lua");
        File.WriteAllText(start, $$"""
            wrk.method = "POST"
            wrk.headers["Content-Type"] = "application/json"
            local n = 0
            request = function()
              n = n + 1
              return wrk.format(nil, "/api/instances", nil,
                '{"definitionKey":"{{RepairWork.Key}}","businessKey":"wrk-' .. n .. [[","variables":{{HttpCells.Facts}}}]])
            end
            """);
        return
        [
            ("wrk: static file (1 KB)", HttpHost.SmallFile, false, null),
            ("wrk: /healthz/live", "/healthz/live", false, null),
            ("wrk: empty endpoint (benchmark host only)", HttpHost.Empty, false, null),
            ("wrk: bearer + gate + caller's groups, empty", HttpHost.WithCaller, true, null),
            ("wrk: REST start", "/api/instances", true, start),
        ];
    }

    public static async Task<WrkResult> RunAsync(string wrk, Uri address, string path, string? token, string? script,
        int connections, TimeSpan duration)
    {
        var info = new ProcessStartInfo(wrk) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-t", "1", "-c", connections.ToString(CultureInfo.InvariantCulture),
                     "-d", $"{(int)duration.TotalSeconds}s", "--latency" }) info.ArgumentList.Add(arg);
        if (token is not null)
        {
            info.ArgumentList.Add("-H");
            info.ArgumentList.Add($"Authorization: Bearer {token}");
        }
        if (script is not null)
        {
            info.ArgumentList.Add("-s");
            info.ArgumentList.Add(script);
        }
        info.ArgumentList.Add(new Uri(address, path).ToString());
        using var process = Process.Start(info) ?? throw new InvalidOperationException("wrk did not start");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        double Number(Regex pattern) => pattern.Match(output) is { Success: true } m
            ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * Unit(m.Groups.Count > 2 ? m.Groups[2].Value : "")
            : double.NaN;
        var failed = NonSuccess().Match(output) is { Success: true } f ? long.Parse(f.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return new WrkResult(Number(Rate()), Number(P50()), Number(P99()), failed);
    }

    /// <summary>wrk prints latencies with their unit; milliseconds here.</summary>
    private static double Unit(string unit) => unit switch { "us" => 0.001, "ms" => 1, "s" => 1000, _ => 1 };

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex Rate();

    [GeneratedRegex(@"\s50%\s+([0-9.]+)(us|ms|s)")]
    private static partial Regex P50();

    [GeneratedRegex(@"\s99%\s+([0-9.]+)(us|ms|s)")]
    private static partial Regex P99();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+([0-9]+)")]
    private static partial Regex NonSuccess();
}
