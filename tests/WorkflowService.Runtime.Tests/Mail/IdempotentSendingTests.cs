using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Scheduling;
using WorkflowService.Runtime.Tests.Mail.Support;
using WorkflowService.Testing;
using WorkflowService.Testing.Smtp;

namespace WorkflowService.Runtime.Tests.Mail;

/// <summary>
/// One outbox row may be handed over many times (after commit, by the sweeper, at start-up, by
/// its own retry): it goes out once, and a hand-over before its retry is due does nothing.
/// </summary>
public sealed class IdempotentSendingTests : IAsyncLifetime
{
    private TestSmtpServer _smtp = null!;
    private MailHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _smtp = await TestSmtpServer.StartAsync();
        _harness = new MailHarness(_smtp.Port);
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task Running_the_job_twice_for_one_row_sends_one_mail()
    {
        var id = await _harness.SendTaskAsync(("to", "li.wei"));

        await _harness.CreateJob().SendAsync(id, CancellationToken.None);
        await _harness.CreateJob().SendAsync(id, CancellationToken.None);

        Assert.Single(_smtp.Received);
        var row = await _harness.OutboxRowAsync(id);
        Assert.Equal(OutboxStatuses.Sent, row.Status);
        Assert.Equal(1, row.Attempts);
    }

    [Fact]
    public async Task A_row_handed_to_hangfire_twice_is_sent_once()
    {
        var id = await _harness.SendTaskAsync(("to", "li.wei"));
        var dispatcher = new HangfireOutboxDispatcher(_harness.Jobs);
        dispatcher.Dispatch(id);
        dispatcher.Dispatch(id);

        _harness.StartJobServer();
        await Poll.UntilAsync(() => Task.FromResult(_harness.JobStorage.GetMonitoringApi().SucceededListCount() == 2),
            "both jobs have run");

        Assert.Single(_smtp.Received);
        Assert.Equal(1, (await _harness.OutboxRowAsync(id)).Attempts);
    }

    [Fact]
    public async Task A_hand_over_before_the_retry_is_due_leaves_the_row_alone()
    {
        await _smtp.DisposeAsync();
        var id = await _harness.SendTaskAsync(("to", "li.wei"));
        await _harness.CreateJob().SendAsync(id, CancellationToken.None);
        var afterFailure = await _harness.OutboxRowAsync(id);

        await _harness.CreateJob().SendAsync(id, CancellationToken.None);

        var row = await _harness.OutboxRowAsync(id);
        Assert.Equal(1, row.Attempts);
        Assert.Equal(afterFailure.NextAttemptAt, row.NextAttemptAt);
        Assert.Equal(1, _harness.JobStorage.GetMonitoringApi().ScheduledCount());
    }
}
