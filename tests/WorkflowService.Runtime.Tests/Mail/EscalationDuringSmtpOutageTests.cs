using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tests.Support;
using WorkflowService.Testing;
using WorkflowService.Testing.Smtp;

namespace WorkflowService.Runtime.Tests.Mail;

/// <summary>
/// The SMTP relay is down when a hotline call breaches its three-ring rule: the breach is
/// recorded at once, the escalation waits in the outbox (Pending, with the error), and when the
/// relay is back the mail is delivered, once.
/// </summary>
public sealed class EscalationDuringSmtpOutageTests : IAsyncLifetime
{
    private readonly int _port = TestSmtpServer.FreePort();
    private readonly FakeTimeProvider _clock = RuntimeSettings.FakeClock();
    private RuntimeHost _host = null!;
    private TestSmtpServer? _smtp;

    public async Task InitializeAsync() =>
        _host = await RuntimeHost.StartAsync(new RuntimeSettings
        {
            Clock = _clock, SmtpPort = _port,
            // The refused connection is the point of the test, not a warning worth a stack trace in the output.
            Settings = { ["Logging:LogLevel:WorkflowService.Runtime.Mail.OutboxJob"] = "Error" },
        });

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        if (_smtp is not null) await _smtp.DisposeAsync();
        TempFolder.TryDelete(_host.Settings.DataDirectory);
    }

    private Task<List<OutboxMessage>> OutboxAsync(Guid instanceId) =>
        _host.ReadAsync(db => db.Outbox.AsNoTracking().Where(o => o.InstanceId == instanceId).ToListAsync());

    [Fact]
    public async Task The_escalation_waits_in_the_outbox_while_the_relay_is_down_and_is_delivered_once_when_it_is_back()
    {
        var manager = _host.As("manager");
        var id = await _host.As("admin").StartAsync("hotline-call",
            new { callId = "outage-1", from = "+86 21 5555 0666", to = "400-820-0000", ringSeconds = 5 }, "outage-1");

        _clock.Advance(TimeSpan.FromSeconds(16));
        var failedAt = _clock.GetUtcNow();
        await _host.SweepDueTimersAsync();

        Assert.Single(await Poll.ForAsync(() => manager.BreachesAsync(id, "three-rings"), b => b.Count > 0, "the breach is recorded"));
        var pending = Assert.Single(await Poll.ForAsync(() => OutboxAsync(id), rows => rows.Any(r => r.Attempts > 0),
            "the first delivery attempt has failed"));
        Assert.Equal(OutboxStatus.Pending, pending.Status);
        Assert.Equal(1, pending.Attempts);
        Assert.Contains("SocketException", pending.LastError);
        Assert.Equal(failedAt + TimeSpan.FromMilliseconds(500), pending.NextAttemptAt);
        Assert.Null(pending.SentAt);

        _smtp = await TestSmtpServer.StartAsync(_port);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await _host.SweepDueTimersAsync();

        var mail = Assert.Single(await _smtp.WaitForAsync(m => m.Subject.Contains("+86 21 5555 0666"), "the delayed escalation"));
        Assert.Contains(ServiceFixture.ManagerAddress, mail.EnvelopeTo);
        Assert.Equal($"{pending.Id}@workflow.test", mail.Message.MessageId);
        var sent = Assert.Single(await Poll.ForAsync(() => OutboxAsync(id), rows => rows.All(r => r.Status == OutboxStatus.Sent),
            "the outbox row is marked sent"));
        Assert.Equal(2, sent.Attempts);

        // Handing the row over again (the sweeper, a restart) sends nothing more.
        await _host.SweepDueTimersAsync();
        await _host.WaitForIdleJobsAsync();
        Assert.Single(_smtp.Received);
    }
}
