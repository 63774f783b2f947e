using Microsoft.Extensions.Logging;

namespace WorkflowService.AfterSales.Reports.Mail;

/// <summary>What the weekly and monthly reports log: a report queued, a report without a mailbox, a workbook linked instead of attached.</summary>
internal static partial class PeriodicReportLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Report {Template} of {Period} queued for {Count} address(es)")]
    public static partial void ReportQueued(this ILogger logger, string template, string period, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The report {Template} has no mailbox ({Section}:To or /admin/reports): not sent")]
    public static partial void NoMailbox(this ILogger logger, string template, string section);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The workbook of {Template} for {Period} is {Bytes} bytes, more than a mail may carry ({Limit}): the mail links to it instead")]
    public static partial void WorkbookTooLarge(this ILogger logger, string template, string period, long bytes, long limit);
}
