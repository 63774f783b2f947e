using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Scheduling;
using WorkflowService.Runtime.Tests.Mail.Support;
using WorkflowService.Testing;

namespace WorkflowService.Runtime.Tests.Mail;

/// <summary>
/// One outbox row may be handed over many times (after commit, by the sweeper, at start-up, by
/// its own retry): it goes out once, and a hand-over before its retry is due does nothing.
/// </summary>
public sealed class IdempotentSendingTests : RelayTest
{
    [Fact]
    public async Task Running_the_job_twice_for_one_row_sends_one_mail()
    {
        var id = await Harness.SendTaskAsync(("to", "li.wei"));

        await Harness.CreateJob().SendAsync(id, CancellationToken.None);
        await Harness.CreateJob().SendAsync(id, CancellationToken.None);

        Assert.Single(Smtp.Received);
        var row = await Harness.OutboxRowAsync(id);
        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.Equal(1, row.Attempts);
    }

    [Fact]
    public async Task A_row_handed_to_hangfire_twice_is_sent_once()
    {
        var id = await Harness.SendTaskAsync(("to", "li.wei"));
        var dispatcher = new HangfireOutboxDispatcher(Harness.Jobs);
        dispatcher.Dispatch(id);
        dispatcher.Dispatch(id);

        Harness.StartJobServer();
        await Poll.UntilAsync(() => Task.FromResult(Harness.JobStorage.GetMonitoringApi().SucceededListCount() == 2),
            "both jobs have run");

        Assert.Single(Smtp.Received);
        Assert.Equal(1, (await Harness.OutboxRowAsync(id)).Attempts);
    }

    [Fact]
    public async Task A_hand_over_before_the_retry_is_due_leaves_the_row_alone()
    {
        await Smtp.DisposeAsync();
        var id = await Harness.SendTaskAsync(("to", "li.wei"));
        await Harness.CreateJob().SendAsync(id, CancellationToken.None);
        var afterFailure = await Harness.OutboxRowAsync(id);

        await Harness.CreateJob().SendAsync(id, CancellationToken.None);

        var row = await Harness.OutboxRowAsync(id);
        Assert.Equal(1, row.Attempts);
        Assert.Equal(afterFailure.NextAttemptAt, row.NextAttemptAt);
        Assert.Equal(1, Harness.JobStorage.GetMonitoringApi().ScheduledCount());
    }
}
