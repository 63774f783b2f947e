using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WorkflowService.AfterSales.Reports.Mail;
using WorkflowService.AfterSales.Reports.Monthly;
using WorkflowService.Runtime.Mail;
using WorkflowService.Web.Tests.Reports;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.PostgreSql;

/// <summary>
/// The monthly summary on PostgreSQL: the month's orders read a chunk at a time (customers, devices, instances with
/// their stored state, breaches), the KPI figures and the once-a-month send recorded in the audit log are translated
/// differently than on SQLite; the known month (<see cref="PeriodicReportScenario"/>) gives the same workbook, read back
/// with MiniExcel, from the endpoint and from the mail.
/// </summary>
public sealed class MonthlySummaryOnPostgreSqlTests(PostgreSqlNodes nodes) : IClassFixture<PostgreSqlNodes>
{
    [SkippableFact]
    public async Task The_known_months_workbook_is_as_on_sqlite_and_the_summary_is_queued_once_with_it()
    {
        // Tuesday 1 December 2026, 09:00 in Shanghai: the summary of November.
        var node = await nodes.StartNodeAsync(new FakeTimeProvider(DailyReportHost.At(2026, 12, 1, 9)));
        await new PeriodicReportScenario(node).SeedAsync();

        var response = await PeriodReportsApiTests.GetAsync(await node.LoginAsync("manager"), "/api/reports/monthly.xlsx?month=2026-11", "zh-CN");
        await ApiClient.Expect(response, HttpStatusCode.OK);
        using (var workbook = new MemoryStream(await response.Content.ReadAsByteArrayAsync())) MonthlySummaryTests.AssertNovemberWorkbook(workbook);

        await node.Services.GetRequiredService<MonthlySummarySettingsStore>()
            .SaveAsync(new PeriodicReportSettings(1, new TimeOnly(9, 0), DailyReportHost.Office), "admin");
        var report = node.Services.GetRequiredService<MonthlySummaryReport>();
        Assert.True(await report.RunAsync(CancellationToken.None));
        Assert.False(await report.RunAsync(CancellationToken.None));

        var payloads = await node.ReadAsync(db => db.Outbox.Select(o => o.PayloadJson).ToListAsync());
        var mail = Assert.Single(payloads.Select(MailPayload.Deserialize), p => p.Template == MonthlySummaryReport.Template);
        Assert.Equal([DailyReportHost.Office], mail.To);
        Assert.Equal(7, mail.Inputs["requests"].GetInt32());
        var attachment = Assert.Single(mail.Attachments);
        Assert.Equal("月度服务单汇总-2026-11.xlsx", attachment.FileName);
        using var attached = new MemoryStream(attachment.Bytes());
        MonthlySummaryTests.AssertNovemberWorkbook(attached);
    }
}
