using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowService.Runtime.Configuration;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Mail;

/// <summary>
/// Sends one <c>email</c> outbox row. Idempotent: a row that is no longer Pending is a no-op, so
/// the same row may be handed over any number of times (dispatched after commit, swept, re-armed
/// at start-up, retried) and goes out once; a crash between the server's acceptance and the
/// status update can still resend it, with the same Message-ID.
/// Retries are ours, not Hangfire's: a failed attempt is recorded on the row (Attempts,
/// LastError, NextAttemptAt per <see cref="SmtpOptions.EffectiveRetryDelays"/>) and the job schedules
/// itself again; the row stays Pending until it is sent. Only a mail that can never go out as
/// it is (no recipient left, unreadable payload, multi-line subject) becomes Failed. A missing
/// or broken template is retried: an operator can fix the folder.
/// The row is read and sent outside the write turn (an SMTP conversation must not hold up every
/// step); only its update takes the turn.
/// </summary>
public sealed class OutboxJob(
    WorkflowDbFactory dbFactory,
    TransactionRunner transactions,
    TemplateStore templates,
    IBackgroundJobClient jobs,
    IOptions<SmtpOptions> smtp,
    IOptions<StorageOptions> storage,
    TimeProvider clock,
    ILogger<OutboxJob> logger,
    IOptions<AppOptions> app)
{
    private readonly MailRenderer _renderer = new(templates, app.Value.Zone);
    private readonly MailTransport _transport = new(smtp.Value, storage.Value);

    // Hangfire keeps schedules in whole seconds and may run a job up to a second early.
    private static readonly TimeSpan EarlyTolerance = TimeSpan.FromSeconds(2);
    private const int MaxErrorLength = 2000;

    [AutomaticRetry(Attempts = 0)]
    // One lock per outbox row (so a row is never sent twice at once), not one for all mail.
    [DisableConcurrentExecution("outbox-job:{0}", 60)]
    public async Task SendAsync(Guid outboxId, CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        var row = await db.Outbox.SingleOrDefaultAsync(o => o.Id == outboxId, ct);
        // The outbox dispatcher and the sweeper hand over every kind here; a robot message has a sender of its own.
        if (row is { Kind: Notifications.Robots.RobotPayload.Kind } && row.Status == OutboxStatus.Pending)
        {
            jobs.Enqueue<Notifications.Robots.RobotJob>(j => j.SendAsync(outboxId, CancellationToken.None));
            return;
        }
        if (row is null || row.Status != OutboxStatus.Pending || row.Kind != MailPayload.Kind)
        {
            logger.NothingToSend(outboxId, row?.Status ?? "missing");
            return;
        }
        // Another job is already scheduled for the retry; running now as well would double the retry chain.
        if (row.NextAttemptAt > clock.GetUtcNow() + EarlyTolerance)
        {
            logger.NotDueYet(outboxId, row.NextAttemptAt);
            return;
        }

        try
        {
            await SendRowAsync(db, row, ct);
        }
        catch (Exception ex) when (ex is PermanentMailException or JsonException)
        {
            row.Attempts++;
            row.Status = OutboxStatus.Failed;
            row.LastError = Truncate(ex.Message);
            row.NextAttemptAt = null;
            await transactions.SaveChangesAsync(db, $"outbox {row.Id}", CancellationToken.None);
            logger.FailedForGood(row.Id, row.InstanceId, ex.Message);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
        {
            await ScheduleRetryAsync(db, row, ex);
        }
    }

    private async Task SendRowAsync(WorkflowDbContext db, OutboxMessage row, CancellationToken ct)
    {
        var payload = MailPayload.Deserialize(row.PayloadJson);
        var recipients = await RecipientResolver.ResolveAsync(db, payload, ct);
        var skipped = string.Join("; ", recipients.Skipped);
        if (recipients.To.Count + recipients.Cc.Count == 0)
            throw new PermanentMailException($"No recipient: {(skipped.Length > 0 ? skipped : "the mail lists nobody")}");

        var mail = await _renderer.RenderAsync(payload, recipients.RecipientName);
        var message = _transport.Build(row.Id, recipients, mail, clock.GetUtcNow(), payload.Attachments);
        var (destination, refused) = await _transport.DeliverAsync(row.Id, message, ct);
        var later = refused.Where(r => r.IsTemporary).ToList();
        var followUp = later.Count > 0 ? FollowUp(row, payload, later) : null;
        var leftOut = recipients.Skipped.Concat(refused.Where(r => !r.IsTemporary).Select(r => r.Describe())).ToList();
        if (followUp is not null)
            leftOut.Add($"to be sent again later (outbox {followUp.Id}): {string.Join("; ", later.Select(r => r.Describe()))}");
        skipped = string.Join("; ", leftOut);

        row.Attempts++;
        row.Status = OutboxStatus.Sent;
        row.SentAt = clock.GetUtcNow();
        row.NextAttemptAt = null;
        // On a sent row LastError keeps who was left out, for whoever wonders why they got nothing.
        row.LastError = skipped.Length > 0 ? Truncate($"Sent without: {skipped}") : null;
        if (followUp is not null) db.Outbox.Add(followUp);
        // Not cancellable: the mail is gone, and losing this update would send it again.
        await transactions.SaveChangesAsync(db, $"outbox {row.Id}", CancellationToken.None);
        if (followUp is not null) ScheduleSafely(followUp.Id, followUp.NextAttemptAt!.Value);

        if (skipped.Length > 0)
            logger.RecipientsSkipped(row.Id, row.InstanceId, skipped);
        logger.Sent(row.Id, row.InstanceId, recipients.To.Count + recipients.Cc.Count, destination, row.Attempts);
    }

    private async Task ScheduleRetryAsync(WorkflowDbContext db, OutboxMessage row, Exception error)
    {
        row.Attempts++;
        var delays = smtp.Value.EffectiveRetryDelays;
        var delay = delays[Math.Min(row.Attempts - 1, delays.Count - 1)];
        var next = clock.GetUtcNow() + delay;
        row.LastError = Truncate($"{error.GetType().Name}: {error.Message}");
        row.NextAttemptAt = next;
        await transactions.SaveChangesAsync(db, $"outbox {row.Id}", CancellationToken.None);
        logger.AttemptFailed(error, row.Id, row.InstanceId, row.Attempts, next);

        ScheduleSafely(row.Id, next);
    }

    private void ScheduleSafely(Guid outboxId, DateTimeOffset at)
    {
        try
        {
            jobs.Schedule<OutboxJob>(j => j.SendAsync(outboxId, CancellationToken.None), at);
        }
        catch (Exception ex)
        {
            // The row is Pending with its NextAttemptAt: the sweeper hands it over when it is due.
            logger.AttemptNotScheduled(ex, outboxId);
        }
    }

    /// <summary>
    /// The same mail for the recipients the server asked to try later (4xx: greylisting, a full
    /// mailbox), as a row of its own retried on the usual schedule: the others have it already.
    /// </summary>
    private OutboxMessage FollowUp(OutboxMessage sent, MailPayload payload, IReadOnlyList<RefusedRecipient> later)
    {
        var now = clock.GetUtcNow();
        return new OutboxMessage
        {
            Id = Guid.CreateVersion7(now), InstanceId = sent.InstanceId, Kind = sent.Kind, CreatedAt = now,
            Status = OutboxStatus.Pending, NextAttemptAt = now + smtp.Value.EffectiveRetryDelays[0],
            PayloadJson = (payload with { To = [.. later.Select(r => r.Address)], Cc = [] }).Serialize(),
        };
    }

    private static string Truncate(string text) => text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
}
