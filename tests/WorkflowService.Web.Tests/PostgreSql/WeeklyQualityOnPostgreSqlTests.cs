using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WorkflowService.AfterSales.Reports.Mail;
using WorkflowService.AfterSales.Reports.Quality;
using WorkflowService.Runtime.Mail;
using WorkflowService.Web.Tests.Reports;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.PostgreSql;

/// <summary>
/// The weekly quality feedback on PostgreSQL: the week's orders read by their numbers, their devices joined, the
/// instances' stored state and the breaches read in chunks, the repeat repairs of the devices, and the once-a-week
/// send recorded in the audit log are translated differently than on SQLite; the known week
/// (<see cref="PeriodicReportScenario"/>) gives the same figures and workbook.
/// </summary>
public sealed class WeeklyQualityOnPostgreSqlTests(PostgreSqlNodes nodes) : IClassFixture<PostgreSqlNodes>
{
    [SkippableFact]
    public async Task The_known_weeks_figures_and_workbook_are_as_on_sqlite_and_the_report_is_queued_once()
    {
        // Monday 30 November 2026, 09:00 in Shanghai: the report of week 48.
        var node = await nodes.StartNodeAsync(new FakeTimeProvider(DailyReportHost.At(2026, 11, 30, 9)));
        await new PeriodicReportScenario(node).SeedAsync();

        WeeklyQualityTests.AssertWeek48(await node.Services.GetRequiredService<WeeklyQualityBuilder>().BuildAsync(new IsoWeek(2026, 48), CancellationToken.None));
        var response = await PeriodReportsApiTests.GetAsync(await node.LoginAsync("manager"), "/api/reports/weekly.xlsx?week=2026-W48", "zh-CN");
        await ApiClient.Expect(response, HttpStatusCode.OK);
        WeeklyQualityTests.AssertWeek48Workbook(await response.Content.ReadAsByteArrayAsync());

        await node.Services.GetRequiredService<WeeklyQualitySettingsStore>()
            .SaveAsync(new PeriodicReportSettings(1, new TimeOnly(9, 0), DailyReportHost.GeneralManager), "admin");
        var report = node.Services.GetRequiredService<WeeklyQualityReport>();
        Assert.True(await report.RunAsync(CancellationToken.None));
        Assert.False(await report.RunAsync(CancellationToken.None));

        var payloads = await node.ReadAsync(db => db.Outbox.Select(o => o.PayloadJson).ToListAsync());
        var mail = Assert.Single(payloads.Select(MailPayload.Deserialize), p => p.Template == WeeklyQualityReport.Template);
        Assert.Equal([DailyReportHost.GeneralManager], mail.To);
        Assert.Equal("2026-W48", mail.Inputs["week"].GetString());
        Assert.Equal(3, mail.Inputs["repairOrders"].GetInt32());
    }
}
