using System.Net;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using WorkflowService.AfterSales.Reports.Kpis;
using WorkflowService.AfterSales.Reports.Mail;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Reports;

/// <summary>
/// The daily report (issue 13): at its time on a working day of the <c>default</c> calendar the set mailbox gets
/// yesterday's figures, today's due and overdue tasks and yesterday's breaches, in Chinese and English, HTML and plain
/// text — once a day, however often the job runs, and not on a day off.
/// </summary>
public sealed class DailyReportTests
{
    // Tuesday 8 December 2026, 08:00 in Shanghai: a working day; yesterday (Monday the 7th) is the one counted.
    private static readonly DateTimeOffset Tuesday = DailyReportHost.At(2026, 12, 8);

    [Fact]
    public async Task The_report_arrives_once_on_a_working_day_with_yesterdays_figures_the_due_tasks_and_the_breaches()
    {
        await using var service = await DailyReportHost.StartAsync(Tuesday);
        await SeedAsync(service.Host);

        Assert.True(await service.RunAsync());
        Assert.False(await service.RunAsync());

        var mail = Assert.Single(await service.Smtp.WaitForAsync(m => m.Subject.Contains("2026-12-08", StringComparison.Ordinal), "the daily report"));
        Assert.Equal([DailyReportHost.Mailbox], mail.EnvelopeTo);
        Assert.Contains("售后日报", mail.Subject);
        Assert.Contains("due 2, breaches yesterday 1", mail.Subject);
        var html = mail.Message.HtmlBody;
        var text = mail.Message.TextBody;
        Assert.NotNull(html);
        Assert.NotNull(text);
        foreach (var body in new[] { html, text })
        {
            Assert.True(body.IndexOf("昨日(2026-12-07)指标", StringComparison.Ordinal) < body.IndexOf("Yesterday's figures (2026-12-07)", StringComparison.Ordinal));
            Assert.Contains("1 / 2 (50.0%)", body); // two requests yesterday, one accepted late
            Assert.Contains("WX-20261207-001", body);
            Assert.Contains("上海申达机电", body);
            Assert.Contains("Repair on site", body);
            Assert.Contains("2026-12-08 17:00", body);
            Assert.Contains("WX-20261201-003", body);
            Assert.Contains("2026-12-04 12:00", body);
            Assert.Contains("overdue", body);
            Assert.DoesNotContain("Answer the complaint", body);
            Assert.Contains(KpiReport.Acceptance, body);
            // The breach by its rule's name in each language, the code beside it.
            Assert.Contains("24 小时内受理 (acceptance-24h)", body);
            Assert.Contains("Request accepted within 24 h (acceptance-24h)", body);
            Assert.Contains("engineer", body);
            Assert.DoesNotContain(KpiReport.RepairTurnaround, body);
            Assert.DoesNotContain("engineer2", body);
        }
        Assert.Single(service.Reports);
        Assert.Equal(1, await service.OutboxRowsAsync());
    }

    [Fact]
    public async Task The_content_counts_yesterdays_requests_lists_the_tasks_due_by_tonight_oldest_first_and_yesterdays_breaches()
    {
        await using var service = await DailyReportHost.StartAsync(Tuesday);
        await SeedAsync(service.Host);

        AssertTuesday(await service.Host.Services.GetRequiredService<DailyReportBuilder>()
            .BuildAsync(new DateOnly(2026, 12, 8), Tuesday, CancellationToken.None));
    }

    /// <summary>The known Monday 7 December: two requests (one accepted late), a breach the day before, tasks due before, on and after Tuesday.</summary>
    internal static async Task SeedAsync(WorkflowHost host)
    {
        var repair = await DailyReportHost.OrderAsync(host, "WX-20261207-001", "上海申达机电", "repair", DailyReportHost.At(2026, 12, 7, 9));
        var complaint = await DailyReportHost.OrderAsync(host, "TS-20261207-001", "Acme Pumps", "complaint", DailyReportHost.At(2026, 12, 7, 11));
        var old = await DailyReportHost.OrderAsync(host, "WX-20261201-003", "Old Customer", "repair", DailyReportHost.At(2026, 12, 1, 9));
        await DailyReportHost.BreachAsync(host, repair, KpiReport.Acceptance, DailyReportHost.At(2026, 12, 7, 15), "engineer");
        await DailyReportHost.BreachAsync(host, old, KpiReport.RepairTurnaround, DailyReportHost.At(2026, 12, 6, 15), "engineer2"); // the day before: not listed
        await DailyReportHost.TaskAsync(host, repair, "Repair on site", DailyReportHost.At(2026, 12, 8, 17));
        await DailyReportHost.TaskAsync(host, old, "Call the customer back", DailyReportHost.At(2026, 12, 4, 12));
        await DailyReportHost.TaskAsync(host, complaint, "Answer the complaint", DailyReportHost.At(2026, 12, 9, 12)); // tomorrow: not listed
    }

    /// <summary>The report of Tuesday 8 December at 08:00 over the known Monday, whatever the database.</summary>
    internal static void AssertTuesday(DailyReportContent report)
    {
        Assert.Equal((new DateOnly(2026, 12, 8), new DateOnly(2026, 12, 7)), (report.Date, report.Yesterday));
        Assert.Equal((1, 2), (report.Kpis.AcceptedOnTime, report.Kpis.Requests));
        Assert.Equal(2, report.DueTotal);
        Assert.Equal([
                ("WX-20261201-003", "Old Customer", "Call the customer back", "2026-12-04 12:00", true),
                ("WX-20261207-001", "上海申达机电", "Repair on site", "2026-12-08 17:00", false),
            ],
            report.Due.Select(d => (d.Order, d.Customer, d.Task, d.Due, d.Overdue)));
        Assert.Equal([(KpiReport.Acceptance, "WX-20261207-001", "engineer")], report.Breaches.Select(b => (b.Rule, b.Order, b.Responsible)));
    }

    [Fact]
    public async Task The_report_is_a_daily_job_at_eight_in_the_departments_zone_that_Hangfire_runs()
    {
        await using var service = await DailyReportHost.StartAsync(Tuesday);

        var job = Job(service.Host);
        Assert.Equal("0 8 * * *", job.Cron);
        Assert.Equal("Asia/Shanghai", job.TimeZoneId);

        // What Hangfire does at 08:00: the job resolved from the container, run by a worker, the mail sent.
        service.Host.Services.GetRequiredService<IRecurringJobManager>().Trigger(DailyReport.JobId);
        await service.Smtp.WaitForAsync(m => m.Subject.Contains("2026-12-08", StringComparison.Ordinal), "the report Hangfire ran");
        await service.Host.WaitForIdleJobsAsync();
        Assert.Single(service.Reports);
    }

    [Fact]
    public async Task No_report_is_sent_on_a_holiday_or_a_weekend_and_one_is_on_a_make_up_working_Saturday()
    {
        await using var service = await DailyReportHost.StartAsync(DailyReportHost.At(2026, 10, 1)); // National Day
        Assert.False(await service.RunAsync());
        service.Clock.SetUtcNow(DailyReportHost.At(2026, 10, 4)); // a Sunday in the holiday
        Assert.False(await service.RunAsync());

        service.Clock.SetUtcNow(DailyReportHost.At(2026, 10, 10)); // Saturday, worked to make up for the holiday
        Assert.True(await service.RunAsync());
        await service.Smtp.WaitForAsync(m => m.Subject.Contains("2026-10-10", StringComparison.Ordinal), "the make-up day's report");

        service.Clock.SetUtcNow(DailyReportHost.At(2026, 12, 12)); // an ordinary Saturday
        Assert.False(await service.RunAsync());
        Assert.Equal(1, await service.OutboxRowsAsync());
        Assert.Equal(["2026-10-10"], service.Reports.Select(m => m.Subject[5..15]));
    }

    [Fact]
    public async Task After_a_restart_on_the_same_day_the_report_is_not_sent_again_and_the_next_working_day_it_is()
    {
        await using var service = await DailyReportHost.StartAsync(Tuesday);
        Assert.True(await service.RunAsync());
        await service.Smtp.WaitForAsync(m => m.Subject.Contains("2026-12-08", StringComparison.Ordinal), "the first report");

        service.Clock.Advance(TimeSpan.FromHours(2));
        await service.RestartAsync();
        Assert.False(await service.RunAsync());
        Assert.Equal(1, await service.OutboxRowsAsync());

        service.Clock.SetUtcNow(DailyReportHost.At(2026, 12, 9));
        Assert.True(await service.RunAsync());
        await service.Smtp.WaitForAsync(m => m.Subject.Contains("2026-12-09", StringComparison.Ordinal), "the next day's report");
        Assert.Equal(2, service.Reports.Count);
    }

    [Fact]
    public async Task An_admin_saves_the_time_and_the_mailbox_and_the_job_moves_and_mails_there()
    {
        await using var service = await DailyReportHost.StartAsync(Tuesday);
        var admin = await PageSession.SignInAsync(service.Host, "admin", "en");
        await admin.PageAsync("/admin/reports");
        Assert.Equal("08:00", admin.InputValue("at"));
        Assert.Equal(DailyReportHost.Mailbox, admin.InputValue("to"));

        var refused = await admin.PostFormAsync("/admin/reports", new() { ["at"] = "25:00", ["to"] = "not an address" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("is not a time (HH:mm", page);
        Assert.Contains("is not a list of email addresses", page);
        Assert.Equal("0 8 * * *", Job(service.Host).Cron);

        var saved = await admin.PostFormAsync("/admin/reports", new() { ["at"] = "07:30", ["to"] = "boss@example.com, desk@example.com" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await admin.PageAsync("/admin/reports?saved");
        Assert.Equal("07:30", admin.InputValue("at"));
        Assert.Equal("boss@example.com, desk@example.com", admin.InputValue("to"));
        Assert.Equal("30 7 * * *", Job(service.Host).Cron);

        Assert.True(await service.RunAsync());
        var mail = Assert.Single(await service.Smtp.WaitForAsync(m => m.Subject.Contains("2026-12-08", StringComparison.Ordinal), "the report"));
        Assert.Equal(["boss@example.com", "desk@example.com"], mail.EnvelopeTo.Order(StringComparer.Ordinal));

        // Kept in the database: a restart keeps the saved time.
        await service.RestartAsync();
        Assert.Equal("30 7 * * *", Job(service.Host).Cron);
    }

    [Fact]
    public async Task Only_admins_open_or_save_the_settings_and_a_post_needs_its_antiforgery_token()
    {
        await using var service = await DailyReportHost.StartAsync(Tuesday);
        var manager = await PageSession.SignInAsync(service.Host, "manager");
        PageSession.AssertDenied(await manager.GetAsync("/admin/reports"));
        PageSession.AssertDenied(await manager.PostFormAsync("/admin/reports", new() { ["at"] = "06:00", ["to"] = "x@example.com" }));

        var admin = await PageSession.SignInAsync(service.Host, "admin");
        await admin.PageAsync("/admin/reports");
        var forged = await admin.PostFormAsync("/admin/reports", new() { ["at"] = "06:00", ["to"] = "x@example.com" }, withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        var settings = await service.Host.Services.GetRequiredService<DailyReportSettingsStore>().GetAsync();
        Assert.Equal(new DailyReportSettings(new TimeOnly(8, 0), DailyReportHost.Mailbox), settings);
    }

    private static RecurringJobDto Job(WorkflowHost host) =>
        host.Services.GetRequiredService<JobStorage>().GetConnection().GetRecurringJobs().Single(j => j.Id == DailyReport.JobId);
}
