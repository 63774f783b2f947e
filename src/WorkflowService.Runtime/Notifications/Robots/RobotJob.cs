using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Notifications.Robots;

/// <summary>
/// Sends one <c>robot</c> outbox row, as <see cref="Mail.OutboxJob"/> sends a mail: idempotent (a row no longer
/// Pending is a no-op, so a row handed over twice goes out once), retries are ours (recorded on the row with
/// <see cref="RobotSettings.EffectiveRetryDelays"/>; the job schedules itself again), and the HTTP call is made
/// outside the write turn, after the attempt is claimed on the row (<see cref="ClaimAsync"/>), so that two workers on
/// the same row post once. HTTP errors, timeouts and throttle codes are retried; any other non-zero code is a
/// robot setting to fix, so the row becomes Failed with the code and the product's message (never the URL).
/// </summary>
public sealed class RobotJob(
    WorkflowDbFactory dbFactory,
    TransactionRunner transactions,
    RobotDirectory directory,
    RobotPoster poster,
    RobotPacer pacer,
    IBackgroundJobClient jobs,
    IOptions<RobotSettings> settings,
    TimeProvider clock,
    ILogger<RobotJob> logger)
{
    private static readonly TimeSpan EarlyTolerance = TimeSpan.FromSeconds(2);

    /// <summary>How long a claimed attempt keeps others off the row: well beyond the poster's timeout.</summary>
    internal static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private const int MaxErrorLength = 2000;

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution("robot-job:{0}", 60)]
    public async Task SendAsync(Guid outboxId, CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        var row = await db.Outbox.SingleOrDefaultAsync(o => o.Id == outboxId, ct);
        if (row is null || row.Status != OutboxStatus.Pending || row.Kind != RobotPayload.Kind)
        {
            logger.NothingToSend(outboxId, row?.Status ?? "missing");
            return;
        }
        if (row.NextAttemptAt > clock.GetUtcNow() + EarlyTolerance)
        {
            logger.NotDueYet(outboxId, row.NextAttemptAt);
            return;
        }

        RobotPayload payload;
        try
        {
            payload = RobotPayload.Deserialize(row.PayloadJson);
        }
        catch (JsonException ex)
        {
            if (await ClaimAsync(row, ct)) await FailAsync(db, row, "?", $"unreadable payload: {ex.Message}");
            return;
        }
        var robot = await directory.FindAsync(db, payload.Robot, ct);
        if (robot is null)
        {
            if (await ClaimAsync(row, ct)) await FailAsync(db, row, payload.Robot, $"robot '{payload.Robot}' is no longer configured");
            return;
        }
        if (pacer.Reserve(robot, clock.GetUtcNow()) is { } later)
        {
            logger.Paced(row.Id, robot.Name, later);
            Schedule(row.Id, later);
            return;
        }
        if (!await ClaimAsync(row, ct)) return;

        RobotReply reply;
        try
        {
            reply = await poster.PostAsync(robot, payload.Message, ct);
        }
        catch (Exception ex) when (ex is UriFormatException or ArgumentException)
        {
            // The robot's address cannot be posted to as it is: a setting to fix. The message would name the URL: not kept.
            reply = new RobotReply(RobotOutcome.Failed, $"the robot's URL cannot be used ({ex.GetType().Name})");
        }
        switch (reply.Outcome)
        {
            case RobotOutcome.Sent:
                row.Status = OutboxStatus.Sent;
                row.SentAt = clock.GetUtcNow();
                row.NextAttemptAt = null;
                row.LastError = null;
                // Not cancellable: the message is posted, and losing this update would post it again.
                await transactions.SaveChangesAsync(db, $"outbox {row.Id}", CancellationToken.None);
                logger.Sent(row.Id, payload.Event, robot.Name, row.Attempts);
                break;
            case RobotOutcome.Failed:
                await FailAsync(db, row, robot.Name, reply.Error!);
                break;
            default:
                await ScheduleRetryAsync(db, row, robot.Name, reply.Error!);
                break;
        }
    }

    /// <summary>
    /// Takes the attempt before posting: the row's attempt count moves on only if no one else moved it, and the row is
    /// leased (<see cref="Lease"/>) so that no sweep hands it over meanwhile. Of two workers holding the row at once —
    /// two nodes, a sweep beside a retry, Hangfire's lock lost — one posts. A worker that dies after its claim leaves the
    /// row Pending: it is swept up again when the lease ends.
    /// </summary>
    private async Task<bool> ClaimAsync(OutboxMessage row, CancellationToken ct)
    {
        var observed = row.Attempts;
        var lease = clock.GetUtcNow() + Lease;
        var claimed = await transactions.RunAsync($"outbox {row.Id} claim", db => db.Outbox
            .Where(o => o.Id == row.Id && o.Status == OutboxStatus.Pending.Name && o.Attempts == observed)
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.Attempts, observed + 1).SetProperty(o => o.NextAttemptAt, lease), ct), ct);
        if (claimed == 0)
        {
            logger.NothingToSend(row.Id, "taken by another attempt");
            return false;
        }
        row.Attempts = observed + 1;
        row.NextAttemptAt = lease;
        return true;
    }

    private async Task FailAsync(WorkflowDbContext db, OutboxMessage row, string robot, string error)
    {
        row.Status = OutboxStatus.Failed;
        row.LastError = Truncate(error);
        row.NextAttemptAt = null;
        await transactions.SaveChangesAsync(db, $"outbox {row.Id}", CancellationToken.None);
        logger.FailedForGood(row.Id, robot, error);
    }

    private async Task ScheduleRetryAsync(WorkflowDbContext db, OutboxMessage row, string robot, string error)
    {
        var delays = settings.Value.EffectiveRetryDelays;
        var next = clock.GetUtcNow() + delays[Math.Min(row.Attempts - 1, delays.Count - 1)];
        row.LastError = Truncate(error);
        row.NextAttemptAt = next;
        await transactions.SaveChangesAsync(db, $"outbox {row.Id}", CancellationToken.None);
        logger.AttemptFailed(row.Id, robot, row.Attempts, error, next);
        Schedule(row.Id, next);
    }

    private void Schedule(Guid outboxId, DateTimeOffset at)
    {
        try
        {
            jobs.Schedule<RobotJob>(j => j.SendAsync(outboxId, CancellationToken.None), at);
        }
        catch (Exception ex)
        {
            // The row is Pending: the sweeper hands it over when it is due.
            logger.AttemptNotScheduled(ex, outboxId);
        }
    }

    private static string Truncate(string text) => text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
}
