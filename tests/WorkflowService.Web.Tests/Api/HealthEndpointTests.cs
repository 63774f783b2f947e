using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WorkflowService.Testing;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Api;

/// <summary>
/// Liveness and readiness apart (issue 14): a node whose readiness fails (here a check standing in for an unreachable
/// database) is still alive; and the liveness check runs no check at all, so it costs nothing to probe.
/// </summary>
public sealed class HealthEndpointTests : IAsyncLifetime
{
    private int _readyChecks;
    private WorkflowHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new WorkflowHost(new HostSettings
        {
            Services = s => s.AddHealthChecks().AddCheck("database-down", () =>
            {
                Interlocked.Increment(ref _readyChecks);
                return HealthCheckResult.Unhealthy("the database does not answer");
            }, tags: [HealthEndpoints.Ready]),
        });
        _ = _host.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        TempFolder.TryDelete(_host.Settings.DataDirectory);
    }

    [Fact]
    public async Task A_node_that_is_not_ready_is_still_alive_and_the_liveness_probe_runs_no_check()
    {
        var http = _host.CreateClient();

        var live = await http.GetAsync("/healthz/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
        Assert.Equal(0, _readyChecks);

        var ready = await http.GetAsync("/healthz/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
        // The old address is the readiness check, as monitors that probe it expect.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/healthz")).StatusCode);
        Assert.Equal(2, _readyChecks);
    }
}
