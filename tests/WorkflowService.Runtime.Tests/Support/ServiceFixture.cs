using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Testing;
using WorkflowService.Testing.Smtp;

namespace WorkflowService.Runtime.Tests.Support;

/// <summary>
/// The runtime with a fake clock and a real SMTP server, shared by the tests of one class. Each
/// test works on its own instances with its own customer names, so tests neither see each
/// other's tasks, breaches or mail, and moving the clock forward only fires timers whose
/// deadline really passed.
/// </summary>
public sealed class ServiceFixture : RuntimeFixture
{
    public const string ManagerAddress = "manager@example.com";

    public FakeTimeProvider Clock { get; } = RuntimeSettings.FakeClock();
    public TestSmtpServer Smtp { get; private set; } = null!;

    /// <summary>Every notification the runtime pushed to connected users (SignalR's place in the web host).</summary>
    public RecordingNotifier Notified { get; } = new();

    protected override async Task<RuntimeSettings> SettingsAsync()
    {
        Smtp = await TestSmtpServer.StartAsync();
        return new RuntimeSettings
        {
            Clock = Clock, SmtpPort = Smtp.Port, Services = s => s.AddSingleton<IWorkflowNotifier>(Notified),
        };
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
        Assert.True(breach.DetectedAt >= breach.DueAt);
        return mail;
    }

    /// <summary>Waits until the rule's breach is recorded for the instance (once) and returns it.</summary>
    public async Task<BreachView> ExpectBreachAsync(Guid instanceId, string rule)
    {
        var manager = As("manager");
        var breaches = await Poll.ForAsync(() => manager.BreachesAsync(instanceId, rule), b => b.Count > 0,
            $"the {rule} breach of {instanceId} is recorded");
        var breach = Assert.Single(breaches);
        Assert.Equal(rule, breach.Rule);
        return breach;
    }
}

/// <summary>Keeps the notifications pushed, in order.</summary>
public sealed class RecordingNotifier : IWorkflowNotifier
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<WorkflowNotification> _pushed = new();

    public IReadOnlyList<WorkflowNotification> Pushed => [.. _pushed];

    public Task NotifyAsync(IReadOnlyList<WorkflowNotification> notifications, CancellationToken ct)
    {
        foreach (var n in notifications) _pushed.Enqueue(n);
        return Task.CompletedTask;
    }
}
