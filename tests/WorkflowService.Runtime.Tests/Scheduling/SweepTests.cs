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
/// The sweep is a safety net for lost jobs: it hands over mail only once its first attempt (handed
/// over after the step's commit) or its retry is overdue by the grace, not every mail at every sweep.
/// </summary>
public sealed class SweepTests : IDisposable
{
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    private readonly string _folder = Directory.CreateTempSubdirectory("sweep-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly Recorder _handedOver = new();
    private readonly TestDatabase _database;
    private readonly TimerSweeper _sweeper;

    public SweepTests()
    {
        _database = new TestDatabase(_folder);
        _sweeper = new TimerSweeper(_database.Factory, _handedOver, _handedOver, _clock, Options.Create(new SchedulingOptions()),
            TimerHorizon.Unlimited, NullLogger<TimerSweeper>.Instance);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<Guid> MailAsync(DateTimeOffset createdAt, DateTimeOffset? nextAttemptAt = null)
    {
        var id = Guid.CreateVersion7();
        await _database.WriteAsync(db => db.Outbox.Add(new OutboxMessage
        {
            Id = id, Kind = "email", PayloadJson = "{}", CreatedAt = createdAt, Status = OutboxStatus.Pending,
            NextAttemptAt = nextAttemptAt, Attempts = nextAttemptAt is null ? 0 : 1,
        }));
        return id;
    }

    [Fact]
    public async Task A_new_mail_is_left_to_its_own_job_until_it_is_overdue_by_the_grace()
    {
        var fresh = await MailAsync(_clock.GetUtcNow());

        await _sweeper.SweepAsync(Grace, CancellationToken.None);
        Assert.Empty(_handedOver.Mails);

        _clock.Advance(Grace + TimeSpan.FromSeconds(1));
        await _sweeper.SweepAsync(Grace, CancellationToken.None);
        Assert.Equal([fresh], _handedOver.Mails);
    }

    [Fact]
    public async Task A_mail_waiting_for_its_retry_is_handed_over_once_the_retry_is_overdue()
    {
        var now = _clock.GetUtcNow();
        var retry = await MailAsync(now.AddHours(-1), nextAttemptAt: now.AddMinutes(10));

        await _sweeper.SweepAsync(Grace, CancellationToken.None);
        Assert.Empty(_handedOver.Mails);

        _clock.Advance(TimeSpan.FromMinutes(12));
        await _sweeper.SweepAsync(Grace, CancellationToken.None);
        Assert.Equal([retry], _handedOver.Mails);
    }

    private sealed class Recorder : ITimerScheduler, IOutboxDispatcher
    {
        public List<Guid> Mails { get; } = [];

        public void Schedule(Guid timerId, DateTimeOffset dueAt) { }

        public void Dispatch(Guid outboxId) => Mails.Add(outboxId);
    }
}
