using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowService.Runtime.Calendars;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Calendars;

/// <summary>
/// In December the next year's official schedule is due: admins see a banner on every page while the
/// <c>default</c> calendar lacks it, and are mailed about it once that year, however often the daily job runs.
/// </summary>
public sealed class MissingScheduleTests(DecemberService service) : IClassFixture<DecemberService>
{
    [Fact]
    public async Task An_admin_sees_the_missing_2027_schedule_on_every_page_and_an_agent_does_not()
    {
        var admin = await PageSession.SignInAsync(service.Host, "admin");
        var agent = await PageSession.SignInAsync(service.Host, "agent");

        foreach (var page in new[] { "/inbox", "/instances" })
        {
            await admin.PageAsync(page);
            Assert.Contains("2027", admin.Text("data-testid", "calendar-banner"));
        }
        await agent.PageAsync("/inbox");
        Assert.DoesNotContain("calendar-banner", agent.Html);
        await admin.PageAsync("/admin/calendars");
        Assert.Contains("2027", admin.Text("data-calendar", "default"));
    }

    [Fact]
    public async Task The_admins_are_mailed_once_a_year_through_the_outbox_however_often_the_December_job_runs()
    {
        var first = await RunReminderAsync();
        var second = await RunReminderAsync();
        await service.Host.WaitForIdleJobsAsync();

        Assert.True(first);
        Assert.False(second);
        var mail = Assert.Single(await service.Smtp.WaitForAsync(m => m.Subject.Contains("2027", StringComparison.Ordinal), "the reminder"));
        Assert.Contains("admin@example.com", mail.EnvelopeTo);
        Assert.Contains("工作日历", mail.Subject);
        Assert.Contains("/admin/calendars/default", mail.Raw);
        var rows = await service.Host.ReadAsync(db => db.Outbox.CountAsync(o => o.PayloadJson.Contains(ScheduleReminder.Template)));
        Assert.Equal(1, rows);
    }

    private async Task<bool> RunReminderAsync()
    {
        using var scope = service.Host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ScheduleReminder>().RunAsync(CancellationToken.None);
    }

    [Fact]
    public void The_reminder_is_a_daily_job_in_December()
    {
        var job = Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(
            service.Host.Services.GetRequiredService<Hangfire.JobStorage>().GetConnection()).Single(j => j.Id == ScheduleReminder.JobId);

        Assert.Equal("0 9 * 12 *", job.Cron);
        Assert.Equal("Asia/Shanghai", job.TimeZoneId);
    }
}
