using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using MiniExcelLibs;
using WorkflowService.AfterSales.Reports.Monthly;

namespace WorkflowService.Web.Tests.Reports;

/// <summary>
/// The monthly summary (issue 13): on the 1st at 09:00 the general manager's office gets the previous month's KPI table
/// and a workbook of the month's orders and KPIs with Chinese headers — once a month, however often the job runs.
/// </summary>
public sealed class MonthlySummaryTests
{
    // Tuesday 1 December 2026, 09:00 in Shanghai: the summary of November.
    private static readonly DateTimeOffset First = DailyReportHost.At(2026, 12, 1, 9);

    [Fact]
    public async Task The_summary_of_last_month_arrives_once_with_the_kpi_table_and_a_workbook_of_the_months_orders()
    {
        await using var service = await DailyReportHost.StartAsync(First);
        await new PeriodicReportScenario(service.Host).SeedAsync();

        Assert.True(await RunAsync(service));
        Assert.False(await RunAsync(service));

        var mail = Assert.Single(await service.Smtp.WaitForAsync(m => m.Subject.StartsWith("月度服务单汇总", StringComparison.Ordinal), "the summary"));
        Assert.Equal([DailyReportHost.Office], mail.EnvelopeTo);
        Assert.Equal("月度服务单汇总 2026-11:服务单 7 张 / Monthly summary of the service orders 2026-11: 7 orders", mail.Subject);
        foreach (var body in new[] { mail.Message.HtmlBody, mail.Message.TextBody })
        {
            Assert.NotNull(body);
            Assert.True(body.IndexOf("本月指标", StringComparison.Ordinal) < body.IndexOf("The month's figures", StringComparison.Ordinal));
            Assert.Contains("6 / 7 (85.7%)", body); // seven requests in November, one accepted late
            Assert.Contains("月度服务单汇总-2026-11.xlsx", body);
        }
        Assert.Contains("<td>24 小时受理及时率</td><td>6 / 7 (85.7%)</td>", mail.Message.HtmlBody);
        Assert.Contains("<td>Requests accepted within 24 hours</td><td>6 / 7 (85.7%)</td>", mail.Message.HtmlBody);

        var part = Assert.IsType<MimePart>(Assert.Single(mail.Message.Attachments));
        Assert.Equal("月度服务单汇总-2026-11.xlsx", part.FileName);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", part.ContentType.MimeType);
        using var workbook = new MemoryStream();
        await part.Content!.DecodeToAsync(workbook);
        AssertNovemberWorkbook(workbook);
    }

    /// <summary>The scenario's November as the workbook must have it: its seven orders oldest first, and the KPI table.</summary>
    internal static void AssertNovemberWorkbook(Stream workbook)
    {
        workbook.Position = 0;
        Assert.Equal(["服务单", "KPI指标"], MiniExcel.GetSheetNames(workbook));
        workbook.Position = 0;
        var orders = MiniExcel.Query(workbook, useHeaderRow: true, sheetName: "服务单").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(["服务单号", "类型", "客户", "设备", "受理时间", "状态", "责任人", "关闭时间", "时效"], orders[0].Keys);
        Assert.Equal(["WX-20261124-001", "WX-20261125-001", "WX-20261126-001", "PX-20261127-001", "TS-20261128-001", "TS-20261129-001", "WX-20261130-001"],
            orders.Select(o => o["服务单号"]));
        var closed = orders[0];
        Assert.Equal(("维修", PeriodicReportScenario.Shenda, "XG-200 SN-001", "2026-11-24 10:00", "已完成", "li.wei", "2026-11-27 15:00", "按时"),
            ((string?)closed["类型"], (string?)closed["客户"], (string?)closed["设备"], (string?)closed["受理时间"], (string?)closed["状态"],
                (string?)closed["责任人"], (string?)closed["关闭时间"], (string?)closed["时效"]));
        var late = orders[1];
        Assert.Equal(("处理中", "wang.fang", "超时: 24 小时内受理 (acceptance-24h)"), ((string?)late["状态"], (string?)late["责任人"], (string?)late["时效"]));
        Assert.True(string.IsNullOrEmpty(late["关闭时间"] as string));
        Assert.Equal(("培训", "zhang.min"), ((string?)orders[3]["类型"], (string?)orders[3]["责任人"]));
        Assert.Equal(("投诉", "chen.jie"), ((string?)orders[4]["类型"], (string?)orders[4]["责任人"]));

        workbook.Position = 0;
        var kpis = MiniExcel.Query(workbook, useHeaderRow: true, sheetName: "KPI指标").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(["指标", "数值", "按时", "总数", "比率"], kpis[0].Keys);
        var acceptance = Assert.Single(kpis, k => (string?)k["指标"] == "24 小时受理及时率");
        Assert.Equal("6 / 7 (85.7%)", acceptance["数值"]);
        Assert.Equal(6d, Convert.ToDouble(acceptance["按时"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(7d, Convert.ToDouble(acceptance["总数"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("2", Assert.Single(kpis, k => (string?)k["指标"] == "投诉")["数值"]);
        Assert.Equal("1", Assert.Single(kpis, k => (string?)k["指标"] == "超时: 24 小时内受理 (acceptance-24h)")["数值"]);
    }

    [Fact]
    public async Task After_a_restart_the_same_month_is_not_sent_again_and_the_next_month_is()
    {
        await using var service = await DailyReportHost.StartAsync(First);
        Assert.True(await RunAsync(service));
        await service.Smtp.WaitForAsync(m => m.Subject.Contains("2026-11", StringComparison.Ordinal), "November's summary");

        service.Clock.Advance(TimeSpan.FromDays(3));
        await service.RestartAsync();
        Assert.False(await RunAsync(service));

        service.Clock.SetUtcNow(DailyReportHost.At(2027, 1, 1, 9));
        Assert.True(await RunAsync(service));
        var december = Assert.Single(await service.Smtp.WaitForAsync(m => m.Subject.Contains("2026-12", StringComparison.Ordinal), "December's summary"));
        Assert.Equal(2, service.Smtp.Received.Count(m => m.Subject.StartsWith("月度服务单汇总", StringComparison.Ordinal)));

        // An empty month still has its headers.
        using var workbook = new MemoryStream();
        await ((MimePart)december.Message.Attachments.Single()).Content!.DecodeToAsync(workbook);
        Assert.Equal(["服务单号", "类型", "客户", "设备", "受理时间", "状态", "责任人", "关闭时间", "时效"], ReadHeaderRow(workbook, "服务单"));
    }

    [Fact]
    public async Task The_summary_is_a_monthly_job_on_the_first_at_nine_in_the_departments_zone_that_Hangfire_runs()
    {
        await using var service = await DailyReportHost.StartAsync(First);

        var job = WeeklyQualityTests.Job(service.Host, MonthlySummaryReport.Kind.JobId);
        Assert.Equal("0 9 1 * *", job.Cron);
        Assert.Equal("Asia/Shanghai", job.TimeZoneId);

        service.Host.Services.GetRequiredService<IRecurringJobManager>().Trigger(MonthlySummaryReport.Kind.JobId);
        await service.Smtp.WaitForAsync(m => m.Subject.Contains("2026-11", StringComparison.Ordinal), "the summary Hangfire ran");
    }

    private static List<string?> ReadHeaderRow(Stream workbook, string sheet)
    {
        workbook.Position = 0;
        var first = (IDictionary<string, object?>)MiniExcel.Query(workbook, useHeaderRow: false, sheetName: sheet).First();
        return [.. first.Values.Select(v => v?.ToString())];
    }

    private static async Task<bool> RunAsync(DailyReportHost service)
    {
        var queued = await service.Host.Services.GetRequiredService<MonthlySummaryReport>().RunAsync(CancellationToken.None);
        await service.Host.WaitForIdleJobsAsync();
        return queued;
    }
}

/// <summary>A workbook larger than a mail may carry is left out and the mail links to the endpoint that gives it.</summary>
public sealed class MonthlySummaryLimitTests
{
    [Fact]
    public async Task A_workbook_above_the_limit_is_not_attached_and_the_mail_links_to_it_instead()
    {
        await using var service = await DailyReportHost.StartAsync(DailyReportHost.At(2026, 12, 1, 9),
            new Dictionary<string, string?> { ["Reports:MonthlySummary:MaxAttachmentBytes"] = "1000" });
        await new PeriodicReportScenario(service.Host).SeedAsync();

        Assert.True(await service.Host.Services.GetRequiredService<MonthlySummaryReport>().RunAsync(CancellationToken.None));
        await service.Host.WaitForIdleJobsAsync();

        var mail = Assert.Single(await service.Smtp.WaitForAsync(m => m.Subject.StartsWith("月度服务单汇总", StringComparison.Ordinal), "the summary"));
        Assert.Empty(mail.Message.Attachments);
        foreach (var body in new[] { mail.Message.HtmlBody, mail.Message.TextBody })
        {
            Assert.NotNull(body);
            Assert.Contains("/reports?handler=Monthly&month=2026-11", System.Net.WebUtility.HtmlDecode(body)); // &amp; in the HTML part
            Assert.Contains("工作簿过大", body);
            Assert.Contains("too large to attach", body);
            Assert.Contains("6 / 7 (85.7%)", body);
        }
    }
}
