using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WorkflowService.AfterSales.Reports.Mail;
using WorkflowService.AfterSales.Reports.Monthly;
using WorkflowService.AfterSales.Reports.Quality;
using WorkflowService.Web.Tests.Reports;

namespace WorkflowService.Web.Tests.PostgreSql;

/// <summary>
/// The scheduled reports are queued once per period even when two nodes run the same job at the same moment (each with
/// its own Hangfire, or one past the other's lock timeout). On SQLite one writer at a time checks for the period's
/// audit entry and writes it; PostgreSQL lets both transactions check before either writes, unless they take a lock.
/// </summary>
public sealed class PeriodicReportsOnTwoNodesTests(PostgreSqlNodes nodes) : IClassFixture<PostgreSqlNodes>
{
    [SkippableFact]
    public async Task Two_nodes_running_the_weekly_monthly_and_daily_reports_at_once_queue_each_once()
    {
        // Monday 7 December 2026, 09:00 in Shanghai: week 49, November's summary, the daily report of the 7th.
        var clock = new FakeTimeProvider(DailyReportHost.At(2026, 12, 7, 9));
        var (a, b) = (await nodes.StartNodeAsync(clock), await nodes.StartNodeAsync(clock));
        var admin = a.Services;
        await admin.GetRequiredService<WeeklyQualitySettingsStore>()
            .SaveAsync(new PeriodicReportSettings(1, new TimeOnly(9, 0), DailyReportHost.GeneralManager), "admin");
        await admin.GetRequiredService<MonthlySummarySettingsStore>()
            .SaveAsync(new PeriodicReportSettings(1, new TimeOnly(9, 0), DailyReportHost.Office), "admin");
        await admin.GetRequiredService<DailyReportSettingsStore>().SaveAsync(new DailyReportSettings(new TimeOnly(8, 0), DailyReportHost.Mailbox), "admin");

        await ConcurrentReportRunsTests.AssertEachQueuedOnceAsync(i => i % 2 == 0 ? a : b);
    }
}
