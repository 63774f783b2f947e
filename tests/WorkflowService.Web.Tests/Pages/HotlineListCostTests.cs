using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tasks;
using WorkflowService.Testing;
using WorkflowService.Web.Hotline;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Pages;

/// <summary>
/// The call banner (ringing calls) and the phone simulator (recent calls) read a fixed number of times
/// whatever the number of calls: a read per call made the banner slowest exactly when the phones ring most.
/// Counted as database contexts opened by the read itself (each Runtime read opens one), not by background work.
/// </summary>
public sealed class HotlineListCostTests : IAsyncLifetime
{
    private static readonly AsyncLocal<StrongBox<int>?> Opened = new();
    private static readonly Caller Agent = new("agent", new HashSet<string> { "agents", "hotline" }, IsAdmin: false);

    private readonly WorkflowHost _host = new(new HostSettings
    {
        Settings = Telephony.Settings(ringSeconds: 60),
        Services = s => s.AddSingleton(sp =>
        {
            var pool = sp.GetRequiredService<IDbContextFactory<SqliteWorkflowDbContext>>();
            return new WorkflowDbFactory(() =>
            {
                if (Opened.Value is { } count) Interlocked.Increment(ref count.Value);
                return pool.CreateDbContext();
            });
        }),
    });

    public Task InitializeAsync()
    {
        _ = _host.Server; // start: migrations, the shipped processes, demo users
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        TempFolder.TryDelete(_host.Settings.DataDirectory);
    }

    [Fact]
    public async Task Ringing_calls_and_recent_calls_are_read_in_as_many_queries_for_four_calls_as_for_one()
    {
        var desk = _host.Services.GetRequiredService<CallDesk>();
        var phoneCalls = _host.Services.GetRequiredService<PhoneCalls>();
        var pbx = new Telephony(_host.CreateClient());

        (await pbx.RingAsync(Telephony.NewCallId())).EnsureSuccessStatusCode();
        var (ringingOne, ringingCostOne) = await CountAsync(() => desk.RingingForAsync(Agent));
        var (recentOne, recentCostOne) = await CountAsync(() => phoneCalls.RecentAsync(20, CancellationToken.None));
        for (var i = 0; i < 3; i++) (await pbx.RingAsync(Telephony.NewCallId())).EnsureSuccessStatusCode();
        var (ringingFour, ringingCostFour) = await CountAsync(() => desk.RingingForAsync(Agent));
        var (recentFour, recentCostFour) = await CountAsync(() => phoneCalls.RecentAsync(20, CancellationToken.None));

        Assert.Single(ringingOne);
        Assert.Equal(4, ringingFour.Count);
        Assert.All(ringingFour, call => Assert.NotNull(call.From));
        Assert.Single(recentOne);
        Assert.Equal(4, recentFour.Count);
        Assert.All(recentFour, call => Assert.Equal("Ringing", call.State));
        Assert.Equal(ringingCostOne, ringingCostFour);
        Assert.Equal(recentCostOne, recentCostFour);
        Assert.InRange(ringingCostFour, 1, 2);
        Assert.InRange(recentCostFour, 1, 2);
    }

    private static async Task<(IReadOnlyList<T> Result, int ContextsOpened)> CountAsync<T>(Func<Task<IReadOnlyList<T>>> read)
    {
        var count = new StrongBox<int>(0);
        Opened.Value = count;
        try
        {
            return (await read(), count.Value);
        }
        finally
        {
            Opened.Value = null;
        }
    }
}
