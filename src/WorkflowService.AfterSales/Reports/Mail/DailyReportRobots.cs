using System.Globalization;
using Microsoft.Extensions.Options;
using WorkflowService.Runtime.Configuration;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Notifications.Robots;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.AfterSales.Reports.Mail;

/// <summary>
/// The daily report's short form for the group robots subscribed to <c>daily-report</c> (issue 15): the day's due
/// count, yesterday's breaches and complaints, and a link to the report page. Once per day, as the mail: the robot
/// rows and an audit entry of their own are written in one transaction, under the report's lock.
/// </summary>
public sealed class DailyReportRobots(WorkflowDbFactory dbFactory, TransactionRunner transactions, RobotDirectory directory,
    RobotOutbox robots, IOutboxDispatcher outbox, TimeProvider clock, IOptions<AppOptions> app)
{
    public const string PostedAction = "report.daily-posted";

    /// <summary>Whether any robot is subscribed to the daily report (else nothing is counted for them).</summary>
    public async Task<bool> AnySubscribedAsync(CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        return (await directory.AllAsync(db, ct)).Any(r => r.Events.Contains(RobotEvents.DailyReport));
    }

    /// <returns>How many robot messages were queued now (0: none subscribed, or already posted today).</returns>
    public async Task<int> PostOnceAsync(DailyReportContent content, string marker, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var link = $"{app.Value.BaseUrl.TrimEnd('/')}/reports/engineers";
        var notice = new RobotNotice(RobotEvents.DailyReport, [], link, new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["report"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["date"] = content.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["yesterday"] = content.Yesterday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["dueTotal"] = content.DueTotal,
                ["breaches"] = content.Kpis.BreachesByRule.Values.Sum(),
                ["complaints"] = content.Kpis.Complaints,
            },
        });
        var ids = await transactions.RunAsync($"{DailyReport.JobId} robots", async db =>
        {
            await ReportOutbox.LockAsync(db, DailyReportSettingsStore.Target, ct);
            if (await ReportOutbox.SentAsync(db, PostedAction, DailyReportSettingsStore.Target, marker, ct)) return [];
            var queued = await robots.QueueAsync(db, notice, now, ct);
            if (queued.Count == 0) return queued;
            db.Audit.Add(new AuditRecord { At = now, Actor = "system", Action = PostedAction, Target = DailyReportSettingsStore.Target, Details = marker });
            await db.SaveChangesAsync(ct);
            return queued;
        }, ct);
        foreach (var id in ids) outbox.Dispatch(id);
        return ids.Count;
    }
}
