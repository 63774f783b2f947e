using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowService.AfterSales.Reports.Mail;
using WorkflowService.AfterSales.Reports.Monthly;
using WorkflowService.Runtime.Configuration;
using WorkflowService.Runtime.Mail;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.AfterSales.Reports.Quality;

/// <summary>The weekly quality feedback's settings: <c>Reports:WeeklyQuality</c>, default Monday 09:00.</summary>
public sealed class WeeklyQualitySettingsStore(
    WorkflowDbFactory dbFactory, TransactionRunner transactions, IRecurringJobManager recurring, IConfiguration configuration,
    IOptions<AfterSalesOptions> options, TimeProvider clock)
    : PeriodicReportSettingsStore(WeeklyQualityReport.Kind, dbFactory, transactions, recurring, configuration, options, clock)
{
    protected override void Schedule(IRecurringJobManager jobs, PeriodicReportSettings settings, RecurringJobOptions options) =>
        jobs.AddOrUpdate<WeeklyQualityReport>(Kind.JobId, r => r.RunAsync(CancellationToken.None), Kind.Cron(settings), options);
}

/// <summary>
/// The weekly quality feedback (每周品质反馈, issue 13) to the general manager, a Hangfire recurring job on the set
/// weekday and time: the previous week's faults by model, repeat repairs, requests by type and complaints. Queued once
/// per week through <see cref="ReportOutbox"/> (the send recorded with the outbox row), whatever runs the job again.
/// </summary>
public sealed class WeeklyQualityReport(
    WeeklyQualitySettingsStore settings,
    WeeklyQualityBuilder builder,
    ReportOutbox outbox,
    DepartmentDay days,
    TimeProvider clock,
    IOptions<AppOptions> app,
    ILogger<WeeklyQualityReport> logger)
{
    public const string Template = "weekly-quality";

    public static readonly PeriodicReportKind Kind = new("aftersales-weekly-quality", "Reports:WeeklyQuality", "report:weekly-quality",
        "report.weekly-quality-settings", "report.weekly-quality-mailed", Weekly: true, DefaultDay: 1);

    /// <returns>Whether a report was queued now.</returns>
    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution("aftersales-weekly-quality", 60)]
    public async Task<bool> RunAsync(CancellationToken ct)
    {
        var week = IsoWeek.Before(days.Of(clock.GetUtcNow()));
        var current = await settings.GetAsync(ct);
        if (current.Recipients.Count == 0)
        {
            logger.NoMailbox(Template, Kind.Section);
            return false;
        }
        var marker = week.ToString();
        if (await outbox.AlreadySentAsync(Kind.MailedAction, Kind.Target, marker, ct)) return false;
        var content = await builder.BuildAsync(week, ct);
        if (!await outbox.QueueOnceAsync(Kind.JobId, Kind.MailedAction, Kind.Target, marker, Payload(content, current.Recipients), ct))
            return false;
        logger.ReportQueued(Template, marker, current.Recipients.Count);
        return true;
    }

    private MailPayload Payload(WeeklyQualityContent content, IReadOnlyList<string> to)
    {
        var baseUrl = app.Value.BaseUrl.TrimEnd('/');
        var inputs = new Dictionary<string, object?>
        {
            ["week"] = content.Week.ToString(),
            ["from"] = ReportTexts.Date(content.Week.Monday),
            ["to"] = ReportTexts.Date(content.Week.Sunday),
            ["repeatDays"] = content.RepeatDays,
            ["repairOrders"] = content.RepairOrders,
            ["models"] = content.Models,
            ["repeats"] = content.Repeats,
            ["requests"] = content.Requests,
            ["complaints"] = content.Complaints,
            ["workbook"] = $"{baseUrl}/reports?handler=Weekly&week={content.Week}", // the page: a mail link opens in a signed-in browser
        };
        return ReportOutbox.Payload(to, Template, $"weekly-quality:{content.Week}", "Weekly quality feedback / 每周品质反馈", inputs,
            $"{baseUrl}/reports");
    }
}
