using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using WorkflowService.Testing;
using WorkflowService.Testing.Smtp;

namespace WorkflowService.Web.Tests.Support;

/// <summary>
/// The service with a fake clock and a real SMTP server, shared by the tests of one class. Each
/// test works on its own instances with its own customer names, so tests neither see each
/// other's tasks, breaches or mail, and moving the clock forward only fires timers whose
/// deadline really passed.
/// </summary>
public sealed class ServiceFixture : HostFixture
{
    public const string ManagerAddress = "manager@example.com";

    public FakeTimeProvider Clock { get; } = HostSettings.FakeClock();
    public TestSmtpServer Smtp { get; private set; } = null!;

    protected override async Task<HostSettings> SettingsAsync()
    {
        Smtp = await TestSmtpServer.StartAsync();
        return new HostSettings { Clock = Clock, SmtpPort = Smtp.Port };
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    /// <summary>Moves the clock forward and hands every timer due by then to Hangfire.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await Host.SweepDueTimersAsync();
    }

    /// <summary>
    /// Waits until the rule's breach is recorded for the instance and its escalation mail has
    /// reached the SMTP server, addressed to the manager, with a subject naming the rule and
    /// <paramref name="naming"/> (the customer or the caller). Both must be there exactly once.
    /// </summary>
    public async Task<ReceivedMail> ExpectEscalationAsync(Guid instanceId, string rule, string naming)
    {
        var breach = await ExpectBreachAsync(instanceId, rule);
        IReadOnlyList<ReceivedMail> mails;
        try
        {
            mails = await Smtp.WaitForAsync(m => m.Subject.Contains(naming) && m.Subject.Contains($"[{rule}]"),
                $"the {rule} escalation naming '{naming}'");
        }
        catch (TimeoutException ex)
        {
            var rows = await Host.ReadAsync(db => db.Outbox.AsNoTracking().Where(o => o.InstanceId == instanceId).ToListAsync());
            throw new TimeoutException(ex.Message + "; outbox: " + string.Join("; ", rows.Select(r =>
                $"{r.Status} after {r.Attempts} attempts, next {r.NextAttemptAt:O}, error {r.LastError}")) +
                "; received: " + string.Join(" | ", Smtp.Received.Select(m => m.Subject)) + "; jobs: " + Host.DescribeJobs(), ex);
        }
        var mail = Assert.Single(mails);
        Assert.Contains(ManagerAddress, mail.Message.To.Mailboxes.Select(m => m.Address));
        Assert.Contains(ManagerAddress, mail.EnvelopeTo);
        Assert.Contains("http://workflow.test/", mail.Message.HtmlBody);
        Assert.True(breach.GetProperty("detectedAt").GetDateTimeOffset() >= breach.GetProperty("dueAt").GetDateTimeOffset());
        return mail;
    }

    /// <summary>Waits until the rule's breach is recorded for the instance (once) and returns it.</summary>
    public async Task<JsonElement> ExpectBreachAsync(Guid instanceId, string rule)
    {
        var manager = await As("manager");
        var breaches = await Poll.ForAsync(() => manager.BreachesAsync(instanceId, rule), b => b.Count > 0,
            $"the {rule} breach of {instanceId} is recorded");
        var breach = Assert.Single(breaches);
        Assert.Equal(rule, breach.GetProperty("rule").GetString());
        return breach;
    }

    /// <summary>The instance as <c>GET /api/instances/{id}</c> shows it, checked for its whole shape.</summary>
    public static void AssertShape(JsonElement instance, string status, string[] activeElementIds,
        params (string ElementId, DateTimeOffset DueAt)[] pendingTimers)
    {
        Assert.Equal(status, instance.GetProperty("status").GetString());
        Assert.Equal(activeElementIds.Order(), ApiClient.Strings(instance.GetProperty("activeElementIds")).Order());
        var timers = instance.GetProperty("pendingTimers").EnumerateArray()
            .Select(t => (t.GetProperty("elementId").GetString()!, t.GetProperty("dueAt").GetDateTimeOffset()))
            .OrderBy(t => t.Item1).ToList();
        Assert.Equal(pendingTimers.OrderBy(t => t.ElementId).ToList(), timers);
        Assert.Empty(instance.GetProperty("incidents").EnumerateArray());
    }
}
