using System.Globalization;
using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowService.Engine.Calendars;
using WorkflowService.Runtime.Configuration;
using WorkflowService.Runtime.Mail;

namespace WorkflowService.AfterSales.Reports.Mail;

/// <summary>
/// The daily report (issue 13), a Hangfire recurring job at the time of <see cref="DailyReportSettings"/>: on a
/// working day of the <c>default</c> calendar it mails the set mailbox yesterday's KPIs, today's due and overdue
/// tasks and yesterday's breaches. The send is recorded in the audit log in the same transaction as the outbox row,
/// so a second run the same day (another node, a restart, a retry) finds it and sends nothing; the mail itself goes
/// through the outbox (retried, never lost) like every other.
/// </summary>
public sealed class DailyReport(
    DailyReportSettingsStore settings,
    DailyReportBuilder builder,
    DepartmentDay days,
    ICalendarSource calendars,
    ReportOutbox outbox,
    TimeProvider clock,
    IOptions<AppOptions> app,
    ILogger<DailyReport> logger,
    DailyReportRobots? robots = null)
{
    public const string JobId = "aftersales-daily-report";
    public const string Template = "daily-report";
    public const string MailedAction = "report.daily-mailed";
    public const string CalendarName = "default";

    /// <returns>Whether a report was queued now.</returns>
    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(JobId, 60)]
    public async Task<bool> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = days.Of(now);
        if (!IsWorkingDay(today)) return false;
        var current = await settings.GetAsync(ct);
        // Group robots subscribed to the daily report get its short form, mailbox or not (issue 15).
        var posting = robots is not null && await robots.AnySubscribedAsync(ct);
        if (current.Recipients.Count == 0 && !posting)
        {
            logger.NoDailyReportMailbox();
            return false;
        }
        var marker = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        // Counted before the transaction: the figures are read-only, and the write below stays short.
        var content = await builder.BuildAsync(today, now, ct);
        if (posting) await robots!.PostOnceAsync(content, marker, ct);
        if (current.Recipients.Count == 0) return false;
        if (!await outbox.QueueOnceAsync(JobId, MailedAction, DailyReportSettingsStore.Target, marker,
                Payload(content, current.Recipients), ct))
            return false;
        logger.DailyReportQueued(marker, current.Recipients.Count);
        return true;
    }

    /// <summary>A working day of the <c>default</c> calendar; without one, Monday to Friday.</summary>
    public bool IsWorkingDay(DateOnly date) => calendars.Find(CalendarName) is { } calendar
        ? calendar.IsWorkingDay(date)
        : date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    private MailPayload Payload(DailyReportContent content, IReadOnlyList<string> to)
    {
        var k = content.Kpis;
        string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var inputs = new Dictionary<string, object?>
        {
            ["date"] = Date(content.Date),
            ["yesterday"] = Date(content.Yesterday),
            ["kpis"] = new Dictionary<string, string>
            {
                ["calls"] = DailyReportContent.Figure(k.CallsAnsweredInTime, k.Calls),
                ["acceptance"] = DailyReportContent.Figure(k.AcceptedOnTime, k.Requests),
                ["repairs"] = DailyReportContent.Figure(k.RepairsOnTime, k.Repairs),
                ["followUps"] = DailyReportContent.Figure(k.FollowUpsOnTime, k.FollowUps),
                ["slips"] = DailyReportContent.Figure(k.SlipsOnTime, k.Slips),
                ["satisfaction"] = k.SatisfactionAverage is { } s ? s.ToString("0.00", CultureInfo.InvariantCulture) : "—",
                ["complaints"] = k.Complaints.ToString(CultureInfo.InvariantCulture),
                ["breaches"] = k.BreachesByRule.Values.Sum().ToString(CultureInfo.InvariantCulture),
            },
            ["due"] = content.Due,
            ["dueTotal"] = content.DueTotal,
            ["dueMore"] = content.DueTotal - content.Due.Count,
            ["breaches"] = content.Breaches,
        };
        return ReportOutbox.Payload(to, Template, $"daily-report:{Date(content.Date)}", "Daily report / 日报", inputs,
            $"{app.Value.BaseUrl.TrimEnd('/')}/reports/engineers");
    }
}

internal static partial class DailyReportLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Daily report of {Date} queued for {Count} address(es)")]
    public static partial void DailyReportQueued(this ILogger logger, string date, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The daily report has no mailbox (Reports:DailyReport:To or /admin/reports): not sent")]
    public static partial void NoDailyReportMailbox(this ILogger logger);
}
