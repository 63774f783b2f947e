using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowService.AfterSales.Reports.Kpis;
using WorkflowService.AfterSales.Reports.Mail;
using WorkflowService.AfterSales.Reports.Quality;
using WorkflowService.Runtime.Configuration;
using WorkflowService.Runtime.Mail;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Sheets;

namespace WorkflowService.AfterSales.Reports.Monthly;

/// <summary>The monthly summary's settings: <c>Reports:MonthlySummary</c>, default the 1st at 09:00.</summary>
public sealed class MonthlySummarySettingsStore(
    WorkflowDbFactory dbFactory, TransactionRunner transactions, IRecurringJobManager recurring, IConfiguration configuration,
    IOptions<AfterSalesOptions> options, TimeProvider clock)
    : PeriodicReportSettingsStore(MonthlySummaryReport.Kind, dbFactory, transactions, recurring, configuration, options, clock)
{
    protected override void Schedule(IRecurringJobManager jobs, PeriodicReportSettings settings, RecurringJobOptions options) =>
        jobs.AddOrUpdate<MonthlySummaryReport>(Kind.JobId, r => r.RunAsync(CancellationToken.None), Kind.Cron(settings), options);
}

/// <summary>
/// The monthly summary of the service orders (月度服务单汇总, issue 13) to the general manager's office, a Hangfire
/// recurring job on the set day and time: the previous month's KPI table in the mail and the month's orders and KPIs
/// as an .xlsx attachment (Chinese headers). Queued once per month through <see cref="ReportOutbox"/>; the workbook's
/// bytes are in the outbox row, so a retry sends the same file. A workbook too large for a mail is left out with a
/// warning in the log, and the mail links to the dashboard's download of it (<c>/reports?handler=Monthly</c>) instead.
/// </summary>
public sealed class MonthlySummaryReport(
    MonthlySummarySettingsStore settings,
    MonthlySummaryWorkbook workbook,
    KpiReport kpis,
    ReportOutbox outbox,
    DepartmentDay days,
    TimeProvider clock,
    IOptions<AppOptions> app,
    IConfiguration configuration,
    ILogger<MonthlySummaryReport> logger)
{
    public const string Template = "monthly-summary";

    public static readonly PeriodicReportKind Kind = new("aftersales-monthly-summary", "Reports:MonthlySummary", "report:monthly-summary",
        "report.monthly-summary-settings", "report.monthly-summary-mailed", Weekly: false, DefaultDay: 1);

    /// <summary>
    /// The largest workbook attached: <c>Reports:MonthlySummary:MaxAttachmentBytes</c> when set lower (a mail server with a
    /// smaller limit), else <see cref="MailAttachment.MaxTotalBytes"/>.
    /// </summary>
    public long AttachmentLimit =>
        long.TryParse(configuration[$"{Kind.Section}:MaxAttachmentBytes"], out var limit) && limit > 0
            ? Math.Min(limit, MailAttachment.MaxTotalBytes)
            : MailAttachment.MaxTotalBytes;

    /// <returns>Whether a report was queued now.</returns>
    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution("aftersales-monthly-summary", 600)]
    public async Task<bool> RunAsync(CancellationToken ct)
    {
        var month = ReportMonth.Before(days.Of(clock.GetUtcNow()));
        var current = await settings.GetAsync(ct);
        if (current.Recipients.Count == 0)
        {
            logger.NoMailbox(Template, Kind.Section);
            return false;
        }
        var marker = month.ToString();
        if (await outbox.AlreadySentAsync(Kind.MailedAction, Kind.Target, marker, ct)) return false;

        var figures = await kpis.CountAsync(new KpiPeriod(days.StartOf(month.First), days.StartOf(month.Last.AddDays(1))), ct);
        using var stream = new MemoryStream();
        await workbook.WriteAsync(stream, month, figures, zh: true, ct);
        var attachment = MailAttachment.Of(MonthlySummaryWorkbook.FileName(month, zh: true), SheetWriter.ContentType, stream.ToArray());
        if (attachment.Length > AttachmentLimit)
        {
            logger.WorkbookTooLarge(Template, marker, attachment.Length, AttachmentLimit);
            attachment = null;
        }
        if (!await outbox.QueueOnceAsync(Kind.JobId, Kind.MailedAction, Kind.Target, marker, Payload(month, figures, attachment, current.Recipients), ct))
            return false;
        logger.ReportQueued(Template, marker, current.Recipients.Count);
        return true;
    }

    private MailPayload Payload(ReportMonth month, KpiFigures figures, MailAttachment? attachment, IReadOnlyList<string> to)
    {
        var baseUrl = app.Value.BaseUrl.TrimEnd('/');
        var inputs = new Dictionary<string, object?>
        {
            ["month"] = month.ToString(),
            ["from"] = ReportTexts.Date(month.First),
            ["to"] = ReportTexts.Date(month.Last),
            ["kpis"] = MonthlyKpiRows.Of(figures),
            ["requests"] = figures.Requests,
            ["attached"] = attachment is not null,
            ["fileName"] = attachment?.FileName,
            ["workbook"] = $"{baseUrl}/reports?handler=Monthly&month={month}", // the page: a mail link opens in a signed-in browser
        };
        return ReportOutbox.Payload(to, Template, $"monthly-summary:{month}", "Monthly summary / 月度服务单汇总", inputs,
            $"{baseUrl}/reports", attachment is null ? [] : [attachment]);
    }
}
