using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Mail;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.AfterSales.Reports.Mail;

/// <summary>
/// Queues a scheduled report's mail once per period: the outbox row and the audit entry that records the send
/// (<paramref name="mailedAction"/>, the period in its details) are written in one transaction, so a second run of the
/// same period — another node, a restart, Hangfire's retry — finds the entry and writes nothing (on PostgreSQL the
/// check and the write hold the report's lock, <see cref="LockAsync"/>, or two nodes at once would both write). The
/// mail then goes through the outbox (retried, never lost) like every other.
/// </summary>
public sealed class ReportOutbox(WorkflowDbFactory dbFactory, TransactionRunner transactions, IOutboxDispatcher outbox, TimeProvider clock)
{
    /// <summary>
    /// A report's mail: not about an instance, so its "instance" is the report and the period (<paramref name="key"/>,
    /// e.g. <c>daily-report:2026-12-07</c>, shown in logs), the template's inputs serialised as the send tasks' are.
    /// </summary>
    public static MailPayload Payload(IReadOnlyList<string> to, string template, string key, string name,
        IReadOnlyDictionary<string, object?> inputs, string link, IReadOnlyList<MailAttachment>? attachments = null) => new()
    {
        To = to,
        Template = template,
        Instance = new MailInstance(Guid.Empty, "report", 0, key, name),
        Inputs = inputs.ToDictionary(i => i.Key, i => JsonSerializer.SerializeToElement(i.Value, JsonSerializerOptions.Web)),
        Link = link,
        Attachments = attachments ?? [],
    };

    /// <summary>Whether the report of <paramref name="period"/> was already queued.</summary>
    public static Task<bool> SentAsync(WorkflowDbContext db, string mailedAction, string target, string period, CancellationToken ct) =>
        db.Audit.AnyAsync(a => a.Action == mailedAction && a.Target == target && a.Details == period, ct);

    /// <summary>
    /// Holds the report's turn until the transaction ends, to be taken before <see cref="SentAsync"/>: on PostgreSQL two
    /// nodes' transactions would both find no entry and both queue the mail (SQLite lets one writer in at a time).
    /// </summary>
    public static Task LockAsync(WorkflowDbContext db, string target, CancellationToken ct) =>
        ClusterLock.ForTransactionAsync(db, $"report-mail:{target}", ct);

    /// <returns>Whether the mail was queued now (false: it was already).</returns>
    public async Task<bool> QueueOnceAsync(string jobId, string mailedAction, string target, string period, MailPayload payload, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var queued = await transactions.RunAsync(jobId, async db =>
        {
            await LockAsync(db, target, ct);
            if (await SentAsync(db, mailedAction, target, period, ct)) return (Guid?)null;
            var row = new OutboxMessage
            {
                Id = Guid.CreateVersion7(now), Kind = MailPayload.Kind, CreatedAt = now, Status = OutboxStatus.Pending,
                PayloadJson = payload.Serialize(),
            };
            db.Outbox.Add(row);
            db.Audit.Add(new AuditRecord { At = now, Actor = "system", Action = mailedAction, Target = target, Details = period });
            await db.SaveChangesAsync(ct);
            return row.Id;
        }, ct);
        if (queued is not { } id) return false;
        outbox.Dispatch(id);
        return true;
    }

    /// <summary>Checked before the (possibly long) counting, so a repeated run does not count for nothing.</summary>
    public async Task<bool> AlreadySentAsync(string mailedAction, string target, string period, CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        return await SentAsync(db, mailedAction, target, period, ct);
    }
}
