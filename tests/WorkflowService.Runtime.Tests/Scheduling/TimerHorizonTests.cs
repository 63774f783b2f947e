using Hangfire;
using Hangfire.InMemory;
using Hangfire.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WorkflowService.Runtime.Configuration;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Scheduling;
using WorkflowService.Runtime.Tests.Support;

namespace WorkflowService.Runtime.Tests.Scheduling;

/// <summary>
/// With in-memory job storage only timers due within the horizon sit in Hangfire; the sweep hands
/// over the rest as the horizon reaches them, each once, well before it is due.
/// </summary>
public sealed class TimerHorizonTests : IDisposable
{
    private static readonly TimeSpan Horizon = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    private readonly string _folder = Directory.CreateTempSubdirectory("horizon-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly Recorder _handedOver;
    private readonly TestDatabase _database;
    private readonly TimerSweeper _sweeper;

    public TimerHorizonTests()
    {
        _handedOver = new Recorder(_clock);
        _database = new TestDatabase(_folder);
        _sweeper = new TimerSweeper(_database.Factory, _handedOver, _handedOver, _clock,
            Options.Create(new SchedulingOptions { SweepInterval = Interval }), new TimerHorizon(Horizon),
            NullLogger<TimerSweeper>.Instance);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<Guid> TimerAsync(TimeSpan dueIn)
    {
        var id = Guid.CreateVersion7();
        await _database.WriteAsync(db => db.Timers.Add(new TimerRecord
        {
            Id = id, ElementId = "sla", DueAt = _clock.GetUtcNow() + dueIn, Status = TimerStatus.Pending,
        }));
        return id;
    }

    /// <summary>The service's sweeps, every interval, up to <paramref name="until"/> from now.</summary>
    private async Task SweepForAsync(TimeSpan until)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < until; elapsed += Interval)
        {
            _clock.Advance(Interval);
            await _sweeper.SweepAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        }
    }

    [Fact]
    public async Task The_restart_hands_over_only_the_timers_due_within_the_horizon()
    {
        var overdue = await TimerAsync(-TimeSpan.FromMinutes(5));
        var soon = await TimerAsync(TimeSpan.FromMinutes(9));
        await TimerAsync(TimeSpan.FromMinutes(11));
        await TimerAsync(TimeSpan.FromHours(20));

        await _sweeper.RearmAllAsync(CancellationToken.None);

        Assert.Equal(new[] { overdue, soon }.Order(), _handedOver.Timers.Select(t => t.Id).Order());
    }

    [Fact]
    public async Task A_timer_beyond_the_horizon_is_handed_over_once_by_a_sweep_before_it_is_due()
    {
        await _sweeper.RearmAllAsync(CancellationToken.None);
        var later = await TimerAsync(TimeSpan.FromMinutes(30));
        var dueAt = _clock.GetUtcNow() + TimeSpan.FromMinutes(30);
        var tomorrow = await TimerAsync(TimeSpan.FromHours(20));

        await SweepForAsync(TimeSpan.FromMinutes(19));
        Assert.Empty(_handedOver.Timers);

        await SweepForAsync(TimeSpan.FromMinutes(10)); // up to a minute before it is due
        var handedOver = Assert.Single(_handedOver.Timers);
        Assert.Equal(later, handedOver.Id);
        Assert.Equal(dueAt, handedOver.DueAt);
        Assert.True(handedOver.At <= dueAt - Horizon + Interval, $"handed over at {handedOver.At:O}, due at {dueAt:O}");
        Assert.DoesNotContain(tomorrow, _handedOver.Timers.Select(t => t.Id));
    }

    [Fact]
    public async Task A_sweep_that_comes_late_hands_over_everything_the_horizon_passed_meanwhile()
    {
        await _sweeper.RearmAllAsync(CancellationToken.None);
        var first = await TimerAsync(TimeSpan.FromMinutes(11));
        var second = await TimerAsync(TimeSpan.FromMinutes(14));

        _clock.Advance(TimeSpan.FromMinutes(5)); // the service was busy: no sweep for 20 intervals
        await _sweeper.SweepAsync(TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.Equal(new[] { first, second }.Order(), _handedOver.Timers.Select(t => t.Id).Order());
    }

    [Fact]
    public void The_scheduler_hands_Hangfire_a_timer_within_the_horizon_and_leaves_a_later_one_to_the_sweep()
    {
        var storage = new InMemoryStorage();
        var scheduler = new HangfireTimerScheduler(new BackgroundJobClient(storage), _clock, new TimerHorizon(Horizon));
        var now = _clock.GetUtcNow();

        scheduler.Schedule(Guid.CreateVersion7(), now + TimeSpan.FromMinutes(9));
        scheduler.Schedule(Guid.CreateVersion7(), now + TimeSpan.FromMinutes(11));
        scheduler.Schedule(Guid.CreateVersion7(), now - TimeSpan.FromMinutes(1));

        var monitor = storage.GetMonitoringApi();
        Assert.Equal(1, monitor.ScheduledCount());
        Assert.Equal(1, monitor.EnqueuedCount("default"));
    }

    [Fact]
    public void The_horizon_applies_to_in_memory_job_storage_only_and_is_never_shorter_than_two_sweeps()
    {
        var options = new TimerHorizonOptions { ArmHorizon = TimeSpan.FromMinutes(10) };
        var scheduling = new SchedulingOptions { SweepInterval = TimeSpan.FromSeconds(15) };

        Assert.Equal(TimeSpan.FromMinutes(10), TimerHorizon.For(new InMemoryStorage(), options, scheduling).Ahead);
        Assert.Equal(TimeSpan.FromMinutes(20), TimerHorizon.For(new InMemoryStorage(), options,
            new SchedulingOptions { SweepInterval = TimeSpan.FromMinutes(10) }).Ahead);
        Assert.Null(TimerHorizon.For(new InMemoryStorage(), new TimerHorizonOptions { ArmHorizon = TimeSpan.Zero }, scheduling).Ahead);
        Assert.Null(TimerHorizon.For(new OtherStorage(), options, scheduling).Ahead);
    }

    private sealed class OtherStorage : JobStorage
    {
        public override IMonitoringApi GetMonitoringApi() => throw new NotSupportedException();
        public override IStorageConnection GetConnection() => throw new NotSupportedException();
    }

    private sealed class Recorder(TimeProvider clock) : ITimerScheduler, IOutboxDispatcher
    {
        public List<(Guid Id, DateTimeOffset DueAt, DateTimeOffset At)> Timers { get; } = [];

        public void Schedule(Guid timerId, DateTimeOffset dueAt) => Timers.Add((timerId, dueAt, clock.GetUtcNow()));

        public void Dispatch(Guid outboxId) { }
    }
}
