using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowService.AfterSales.Reports.Mail;
using WorkflowService.AfterSales.Reports.Monthly;
using WorkflowService.AfterSales.Reports.Quality;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Reports;

/// <summary>
/// /admin/reports holds the three reports' settings: an admin saves the weekly quality feedback's and the monthly
/// summary's day, time and mailbox, each form on its own; the save is audit-logged, moves the job and survives a restart.
/// </summary>
public sealed class PeriodicReportSettingsTests
{
    private static readonly DateTimeOffset Monday = DailyReportHost.At(2026, 11, 30, 9);

    [Fact]
    public async Task An_admin_saves_the_weekly_reports_day_time_and_mailbox_and_the_job_moves_and_mails_there()
    {
        await using var service = await DailyReportHost.StartAsync(Monday);
        var admin = await PageSession.SignInAsync(service.Host, "admin", "en");
        await admin.PageAsync("/admin/reports");
        Assert.Equal("1", admin.SelectedOption("weeklyDay"));
        Assert.Equal("09:00", admin.InputValue("weeklyAt"));
        Assert.Equal(DailyReportHost.GeneralManager, admin.InputValue("weeklyTo"));
        Assert.Equal("08:00", admin.InputValue("at"));

        var refused = await admin.PostFormAsync("/admin/reports?handler=weekly",
            new() { ["weeklyDay"] = "8", ["weeklyAt"] = "9 o'clock", ["weeklyTo"] = "the boss" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("&#x27;8&#x27; is not a day this report can be sent on", page);
        Assert.Contains("is not a time (HH:mm", page);
        Assert.Contains("is not a list of email addresses", page);
        Assert.Equal("0 9 * * 1", WeeklyQualityTests.Job(service.Host, WeeklyQualityReport.Kind.JobId).Cron);

        var saved = await admin.PostFormAsync("/admin/reports?handler=weekly",
            new() { ["weeklyDay"] = "5", ["weeklyAt"] = "17:30", ["weeklyTo"] = "boss@example.com; deputy@example.com" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await admin.PageAsync("/admin/reports?saved=weekly");
        Assert.Contains("weekly-quality-saved", admin.Html);
        Assert.Equal("5", admin.SelectedOption("weeklyDay"));
        Assert.Equal("17:30", admin.InputValue("weeklyAt"));
        Assert.Equal("boss@example.com, deputy@example.com", admin.InputValue("weeklyTo"));
        Assert.Equal("08:00", admin.InputValue("at")); // the other reports are untouched
        Assert.Equal("30 17 * * 5", WeeklyQualityTests.Job(service.Host, WeeklyQualityReport.Kind.JobId).Cron);
        Assert.Equal("0 9 1 * *", WeeklyQualityTests.Job(service.Host, MonthlySummaryReport.Kind.JobId).Cron);
        var audit = await service.Host.ReadAsync(db => db.Audit.SingleAsync(a => a.Action == WeeklyQualityReport.Kind.SavedAction));
        Assert.Equal(("admin", WeeklyQualityReport.Kind.Target), (audit.Actor, audit.Target));

        Assert.True(await service.Host.Services.GetRequiredService<WeeklyQualityReport>().RunAsync(CancellationToken.None));
        var mail = Assert.Single(await service.Smtp.WaitForAsync(m => m.Subject.Contains("2026-W48", StringComparison.Ordinal), "the report"));
        Assert.Equal(["boss@example.com", "deputy@example.com"], mail.EnvelopeTo.Order(StringComparer.Ordinal));

        await service.RestartAsync();
        Assert.Equal("30 17 * * 5", WeeklyQualityTests.Job(service.Host, WeeklyQualityReport.Kind.JobId).Cron);
    }

    [Fact]
    public async Task An_admin_saves_the_monthly_summarys_day_time_and_mailbox_in_chinese()
    {
        await using var service = await DailyReportHost.StartAsync(Monday);
        var admin = await PageSession.SignInAsync(service.Host, "admin", "zh-CN");
        var html = await admin.PageAsync("/admin/reports");
        Assert.Contains("报表邮件设置", html);
        Assert.Contains("每周品质反馈", html);
        Assert.Contains("月度服务单汇总", html);
        Assert.Contains("星期一", html);
        Assert.Equal("1", admin.SelectedOption("monthlyDay"));
        Assert.Equal(DailyReportHost.Office, admin.InputValue("monthlyTo"));

        var refused = await admin.PostFormAsync("/admin/reports?handler=monthly",
            new() { ["monthlyDay"] = "31", ["monthlyAt"] = "08:15", ["monthlyTo"] = "office@example.com" });
        Assert.Contains("不是此报表可用的发送日", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));

        var saved = await admin.PostFormAsync("/admin/reports?handler=monthly",
            new() { ["monthlyDay"] = "3", ["monthlyAt"] = "08:15", ["monthlyTo"] = "office@example.com" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("15 8 3 * *", WeeklyQualityTests.Job(service.Host, MonthlySummaryReport.Kind.JobId).Cron);
        Assert.Equal(new PeriodicReportSettings(3, new TimeOnly(8, 15), "office@example.com"),
            await service.Host.Services.GetRequiredService<MonthlySummarySettingsStore>().GetAsync());
        Assert.Equal(new PeriodicReportSettings(1, new TimeOnly(9, 0), DailyReportHost.GeneralManager),
            await service.Host.Services.GetRequiredService<WeeklyQualitySettingsStore>().GetAsync());
    }

    [Fact]
    public async Task Only_admins_save_the_weekly_and_monthly_settings_and_a_post_needs_its_antiforgery_token()
    {
        await using var service = await DailyReportHost.StartAsync(Monday);
        var fields = new Dictionary<string, string> { ["weeklyDay"] = "2", ["weeklyAt"] = "06:00", ["weeklyTo"] = "x@example.com" };
        var manager = await PageSession.SignInAsync(service.Host, "manager");
        PageSession.AssertDenied(await manager.PostFormAsync("/admin/reports?handler=weekly", fields));
        PageSession.AssertDenied(await manager.PostFormAsync("/admin/reports?handler=monthly",
            new() { ["monthlyDay"] = "2", ["monthlyAt"] = "06:00", ["monthlyTo"] = "x@example.com" }));

        var admin = await PageSession.SignInAsync(service.Host, "admin");
        await admin.PageAsync("/admin/reports");
        var forged = await admin.PostFormAsync("/admin/reports?handler=weekly", fields, withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        Assert.Equal(new PeriodicReportSettings(1, new TimeOnly(9, 0), DailyReportHost.GeneralManager),
            await service.Host.Services.GetRequiredService<WeeklyQualitySettingsStore>().GetAsync());
    }
}
