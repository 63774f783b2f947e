using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using WorkflowService.AfterSales.Reports.Quality;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Reports;

/// <summary>
/// The weekly quality feedback (issue 13): on Monday at 09:00 the general manager gets the past week's faults by model,
/// the devices repaired again within 90 days, the requests by type and the complaints — once a week, however often
/// the job runs, in Chinese then English, HTML and plain text.
/// </summary>
public sealed class WeeklyQualityTests
{
    // Monday 30 November 2026, 09:00 in Shanghai: the report of week 48 (23–29 November).
    private static readonly DateTimeOffset Monday = DailyReportHost.At(2026, 11, 30, 9);

    [Fact]
    public async Task The_report_of_the_past_week_arrives_once_with_faults_by_model_repeat_repairs_requests_and_complaints()
    {
        await using var service = await DailyReportHost.StartAsync(Monday);
        await new PeriodicReportScenario(service.Host).SeedAsync();

        Assert.True(await RunAsync(service));
        Assert.False(await RunAsync(service));

        var mail = Assert.Single(await service.Smtp.WaitForAsync(m => m.Subject.StartsWith("每周品质反馈", StringComparison.Ordinal), "the weekly report"));
        Assert.Equal([DailyReportHost.GeneralManager], mail.EnvelopeTo);
        Assert.Equal("每周品质反馈 2026-W48(2026-11-23 至 2026-11-29):维修 3 单,投诉 2 起 / Weekly quality feedback 2026-W48: 3 repairs, 2 complaints",
            mail.Subject);
        var html = mail.Message.HtmlBody;
        var text = mail.Message.TextBody;
        Assert.NotNull(html);
        Assert.NotNull(text);
        foreach (var body in new[] { html, text })
        {
            Assert.True(body.IndexOf("按型号统计故障", StringComparison.Ordinal) < body.IndexOf("Faults by model", StringComparison.Ordinal));
            Assert.Contains("无法启动 ×2", body); // XG-200: two orders, the second's fault written with spaces around it
            Assert.Contains("漏水 ×1", body);     // PX-9: the order of June is not of this week
            Assert.DoesNotContain("异响", body);  // October's fault
            Assert.DoesNotContain("屏幕不亮", body); // the 30th is the next week
            Assert.Contains("SN-001", body);      // repaired on 10 October and 24 November
            Assert.Contains("WX-20261010-001, WX-20261124-001", body);
            Assert.DoesNotContain("SN-900", body); // repaired in June and November: more than 90 days apart
            Assert.DoesNotContain("SN-002", body); // once in the week (the 30th is after it)
            Assert.Contains("工程师迟到", body);
            Assert.Contains("TS-20261129-001", body);
            Assert.Contains("(尚未分析)", body);
            Assert.Contains("(not analysed yet)", body);
        }
        Assert.Contains("<tr><td>维修</td><td>3</td></tr>", html);
        Assert.Contains("<tr><td>培训</td><td>1</td></tr>", html);
        Assert.Contains("<tr><td>退换</td><td>0</td></tr>", html);
        Assert.Contains("<tr><td>Complaint</td><td>2</td></tr>", html);
        Assert.Contains("<td>TS-20261128-001</td><td>Acme Pumps</td><td>工程师迟到</td><td>已完成</td>", html);
        Assert.Contains("<td>TS-20261129-001</td><td>上海申达机电</td><td>(not analysed yet)</td><td>open</td>", html);
        Assert.Contains("<td>XG-200</td><td>2</td><td>无法启动 ×2</td>", html);
        Assert.Contains("<td>SN-001</td><td>XG-200</td><td>上海申达机电</td><td>2</td>", html);
        Assert.Empty(mail.Message.Attachments);
    }

    [Fact]
    public async Task The_weeks_figures_count_faults_by_model_repeat_repairs_requests_and_complaints()
    {
        await using var service = await DailyReportHost.StartAsync(Monday);
        await new PeriodicReportScenario(service.Host).SeedAsync();

        AssertWeek48(await service.Host.Services.GetRequiredService<WeeklyQualityBuilder>().BuildAsync(new IsoWeek(2026, 48), CancellationToken.None));
    }

    /// <summary>The scenario's week 48 as the report must count it, whatever the database.</summary>
    internal static void AssertWeek48(WeeklyQualityContent week)
    {
        Assert.Equal(("2026-W48", 90, 3), (week.Week.ToString(), week.RepeatDays, week.RepairOrders));
        // XG-200: two orders, the second's fault written with spaces around it; PX-9: the order of June is not of this week.
        Assert.Equal(["XG-200 2 无法启动 ×2", "PX-9 1 漏水 ×1"], week.Models.Select(m => $"{m.Model} {m.Orders} {m.FaultsText}"));
        // SN-001 was repaired on 10 October and 24 November; SN-900 in June and November (more than 90 days apart);
        // SN-002 once in the week (the 30th is after it).
        var repeat = Assert.Single(week.Repeats);
        Assert.Equal(("SN-001", "XG-200", PeriodicReportScenario.Shenda, 2, "WX-20261010-001, WX-20261124-001"),
            (repeat.Serial, repeat.Model, repeat.Customer, repeat.Count, repeat.OrdersText));
        Assert.Equal(["repair 3", "training 1", "replacement 0", "complaint 2"], week.Requests.Select(r => $"{r.Type} {r.Count}"));
        Assert.Equal([
                ("TS-20261128-001", PeriodicReportScenario.Acme, "工程师迟到", "已完成", "closed"),
                ("TS-20261129-001", PeriodicReportScenario.Shenda, "", "处理中", "open"),
            ],
            week.Complaints.Select(c => (c.Order, c.Customer, c.Cause, c.Status, c.StatusEnglish)));
    }

    /// <summary>The scenario's week 48 as the workbook (zh-CN) must have it: a sheet per part with the week's figures.</summary>
    internal static void AssertWeek48Workbook(byte[] bytes)
    {
        Assert.Equal(["按型号故障", "重复维修", "客户需求", "投诉"], MiniExcel.GetSheetNames(new MemoryStream(bytes)));
        List<IDictionary<string, object?>> Sheet(string name) =>
            [.. MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true, sheetName: name).Cast<IDictionary<string, object?>>()];
        var models = Sheet("按型号故障");
        Assert.Equal(["XG-200", "PX-9"], models.Select(m => (string?)m["型号"]));
        Assert.Equal("无法启动 ×2", models[0]["常见故障"]);
        var repeat = Assert.Single(Sheet("重复维修"));
        Assert.Equal(("SN-001", "WX-20261010-001, WX-20261124-001"), ((string?)repeat["串号"], (string?)repeat["维修单"]));
        Assert.Equal(["维修", "培训", "退换", "投诉"], Sheet("客户需求").Select(r => (string?)r["类型"]));
        Assert.Equal(["TS-20261128-001", "TS-20261129-001"], Sheet("投诉").Select(r => (string?)r["投诉单"]));
    }

    [Fact]
    public async Task After_a_restart_the_same_week_is_not_sent_again_and_the_next_week_is()
    {
        await using var service = await DailyReportHost.StartAsync(Monday);
        Assert.True(await RunAsync(service));
        await service.Smtp.WaitForAsync(m => m.Subject.Contains("2026-W48", StringComparison.Ordinal), "week 48");

        service.Clock.Advance(TimeSpan.FromDays(2));
        await service.RestartAsync();
        Assert.False(await RunAsync(service));

        service.Clock.SetUtcNow(DailyReportHost.At(2026, 12, 7, 9));
        Assert.True(await RunAsync(service));
        await service.Smtp.WaitForAsync(m => m.Subject.Contains("2026-W49", StringComparison.Ordinal), "week 49");
        Assert.Equal(2, service.Smtp.Received.Count(m => m.Subject.StartsWith("每周品质反馈", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_report_is_a_weekly_job_on_monday_at_nine_in_the_departments_zone_that_Hangfire_runs()
    {
        await using var service = await DailyReportHost.StartAsync(Monday);

        var job = Job(service.Host, WeeklyQualityReport.Kind.JobId);
        Assert.Equal("0 9 * * 1", job.Cron);
        Assert.Equal("Asia/Shanghai", job.TimeZoneId);

        service.Host.Services.GetRequiredService<IRecurringJobManager>().Trigger(WeeklyQualityReport.Kind.JobId);
        await service.Smtp.WaitForAsync(m => m.Subject.Contains("2026-W48", StringComparison.Ordinal), "the report Hangfire ran");
    }

    [Fact]
    public async Task Without_a_mailbox_nothing_is_queued_or_recorded_and_once_one_is_saved_the_week_goes_out()
    {
        await using var service = await DailyReportHost.StartAsync(Monday, new Dictionary<string, string?> { ["Reports:WeeklyQuality:To"] = "" });

        Assert.False(await RunAsync(service));
        Assert.Equal(0, await service.Host.ReadAsync(db => db.Outbox.CountAsync()));
        Assert.Equal(0, await service.Host.ReadAsync(db => db.Audit.CountAsync(a => a.Action == WeeklyQualityReport.Kind.MailedAction)));

        await service.Host.Services.GetRequiredService<WeeklyQualitySettingsStore>()
            .SaveAsync(new AfterSales.Reports.Mail.PeriodicReportSettings(1, new TimeOnly(9, 0), "gm2@example.com"), "admin");
        Assert.True(await RunAsync(service));
        var mail = Assert.Single(await service.Smtp.WaitForAsync(m => m.Subject.Contains("2026-W48", StringComparison.Ordinal), "week 48"));
        Assert.Equal(["gm2@example.com"], mail.EnvelopeTo);
    }

    [Theory]
    [InlineData("2026-W48", 2026, 11, 23)]
    [InlineData("2026-w01", 2025, 12, 29)]
    [InlineData("2026-W53", 2026, 12, 28)]
    [InlineData("2025-W53", null, null, null)]
    [InlineData("2020-W53", 2020, 12, 28)]
    [InlineData("2026-48", null, null, null)]
    [InlineData("", null, null, null)]
    public void A_week_reads_as_year_W_number_and_begins_on_its_monday(string text, int? year, int? month, int? day) =>
        Assert.Equal(year is null ? null : new DateOnly(year.Value, month!.Value, day!.Value), IsoWeek.Parse(text)?.Monday);

    private static async Task<bool> RunAsync(DailyReportHost service)
    {
        var queued = await service.Host.Services.GetRequiredService<WeeklyQualityReport>().RunAsync(CancellationToken.None);
        await service.Host.WaitForIdleJobsAsync();
        return queued;
    }

    internal static RecurringJobDto Job(WorkflowHost host, string id) =>
        host.Services.GetRequiredService<JobStorage>().GetConnection().GetRecurringJobs().Single(j => j.Id == id);
}
