using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using WorkflowService.Testing;

namespace WorkflowService.Web.Tests.Support;

/// <summary>
/// The built service (<c>WorkflowService.Web.dll</c>) run as a real child process, configured only through
/// environment variables as an operator would, on a free loopback port. Unlike <see cref="WorkflowHost"/> it can
/// be killed (SIGKILL on Linux): nothing of it runs on, no disposal, no flush — what a power cut leaves of the
/// process, though not of the disk's cache.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private const int KeptOutputLines = 200;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServiceProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    /// <summary>Where the service listens: <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri Address { get; }

    /// <summary>
    /// Starts the service with <paramref name="settings"/> (configuration keys such as <c>Storage:DataDirectory</c>,
    /// passed as <c>Storage__DataDirectory</c>) and waits until <c>/healthz/ready</c> answers 200.
    /// </summary>
    public static async Task<ServiceProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, TimeSpan? readyWithin = null)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = WebOutput,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(WebOutput, "WorkflowService.Web.dll"));
        start.Environment["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var process = new Process { StartInfo = start };
        var service = new ServiceProcess(process, address);
        process.OutputDataReceived += (_, e) => service.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => service.Keep(e.Data);
        if (!process.Start()) throw new InvalidOperationException($"Could not start {start.FileName} {string.Join(' ', start.ArgumentList)}");
        // Both pipes are read all the time: a child that fills a pipe nobody reads blocks on its next log line.
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await service.WaitUntilReadyAsync(readyWithin ?? TimeSpan.FromSeconds(60));
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
        return service;
    }

    /// <summary>A client of the service (no sign-in yet), with a timeout far above any step's.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Kills the process at once (SIGKILL on Linux), from whatever thread sees the moment: see <see cref="WaitForExitAsync"/>.</summary>
    public void Kill() => _process.Kill();

    /// <summary>Waits until the process has gone (after <see cref="Kill"/>).</summary>
    public Task WaitForExitAsync() => _process.WaitForExitAsync();

    /// <summary>The last lines the service wrote (stdout and stderr), for a failure message.</summary>
    public string RecentOutput => string.Join('\n', _output);

    public async ValueTask DisposeAsync()
    {
        if (!HasExited())
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync(TimeSpan within)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            if (HasExited())
                throw new InvalidOperationException($"The service exited with code {_process.ExitCode} before it was ready:\n{RecentOutput}");
            try
            {
                using var response = await http.GetAsync("/healthz/ready");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The service was not ready at {Address} within {within}:\n{RecentOutput}");
            await Task.Delay(100);
        }
    }

    private bool HasExited()
    {
        try
        {
            return _process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return true; // never started
        }
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > KeptOutputLines) _output.TryDequeue(out _);
    }

    /// <summary>
    /// The web project's own build output beside this test's (same configuration and framework: building the tests
    /// builds it), so the service runs from its folder with its appsettings.json, as it is deployed.
    /// </summary>
    private static string WebOutput
    {
        get
        {
            var tests = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var framework = tests.Name;
            var configuration = tests.Parent!.Name;
            var folder = Path.Combine(RepositoryPaths.Root, "src", "WorkflowService.Web", "bin", configuration, framework);
            if (!File.Exists(Path.Combine(folder, "WorkflowService.Web.dll")))
                throw new InvalidOperationException($"WorkflowService.Web.dll is not in {folder}: build src/WorkflowService.Web ({configuration}) first");
            return folder;
        }
    }

    /// <summary>The dotnet host running these tests (the SDK sets DOTNET_HOST_PATH for its children), else the one on the PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>A port nothing listens on now; the child binds it a moment later (loopback only, so nobody else races for it in practice).</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
