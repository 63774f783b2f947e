using WorkflowService.Runtime.Mail;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tests.Mail.Support;
using WorkflowService.Testing;
using WorkflowService.Testing.Smtp;

namespace WorkflowService.Runtime.Tests.Mail;

/// <summary>
/// With the relay down nothing is lost: the row stays Pending with the error and the time of
/// the next attempt, and the job schedules itself again in Hangfire. When the relay is back the
/// retry delivers the mail, once, under the same Message-ID.
/// </summary>
public sealed class SmtpOutageTests : IAsyncLifetime
{
    private readonly int _port = TestSmtpServer.FreePort();
    private MailHarness _harness = null!;
    private TestSmtpServer? _smtp;

    public Task InitializeAsync()
    {
        _harness = new MailHarness(_port);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        if (_smtp is not null) await _smtp.DisposeAsync();
    }

    private async Task<Guid> FirstAttemptWhileTheRelayIsDownAsync()
    {
        var id = await _harness.SendTaskAsync(("to", "managers"), ("rule", "three-rings"), ("subject", "Hotline call not answered"));
        await _harness.CreateJob().SendAsync(id, CancellationToken.None);
        return id;
    }

    [Fact]
    public async Task While_the_relay_is_down_the_mail_stays_pending_with_the_error_and_a_scheduled_retry()
    {
        var failedAt = _harness.Clock.GetUtcNow();
        var id = await FirstAttemptWhileTheRelayIsDownAsync();

        var row = await _harness.OutboxRowAsync(id);
        Assert.Equal(OutboxStatus.Pending, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Contains("SocketException", row.LastError);
        Assert.Equal(failedAt + _harness.Smtp.RetryDelays[0], row.NextAttemptAt);
        Assert.Null(row.SentAt);

        var retry = Assert.Single(_harness.JobStorage.GetMonitoringApi().ScheduledJobs(0, 10)).Value;
        Assert.Equal(typeof(OutboxJob), retry.Job.Type);
        Assert.Equal(nameof(OutboxJob.SendAsync), retry.Job.Method.Name);
        Assert.Equal(id, retry.Job.Args[0]);
        Assert.Equal(row.NextAttemptAt!.Value.UtcDateTime, retry.EnqueueAt, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task When_the_relay_is_back_the_scheduled_retry_delivers_the_mail_once_with_the_same_message_id()
    {
        var id = await FirstAttemptWhileTheRelayIsDownAsync();

        _smtp = await TestSmtpServer.StartAsync(_port);
        _harness.Clock.Advance(_harness.Smtp.RetryDelays[0]);
        // The scheduled retry is due for Hangfire (its clock is ahead of the fake one): the server runs it.
        _harness.StartJobServer();
        await Poll.UntilAsync(async () => (await _harness.OutboxRowAsync(id)).Status == OutboxStatus.Sent,
            "the retry has sent the mail");

        var mail = Assert.Single(_smtp.Received);
        Assert.Equal($"{id}@service.example.com", mail.Message.MessageId);
        var row = await _harness.OutboxRowAsync(id);
        Assert.Equal(2, row.Attempts);
        Assert.Null(row.LastError);
        Assert.Equal(_harness.Clock.GetUtcNow(), row.SentAt);

        // A late hand-over of the same row (the sweeper) changes nothing.
        await _harness.CreateJob().SendAsync(id, CancellationToken.None);
        Assert.Single(_smtp.Received);
    }

    [Fact]
    public async Task Each_failed_attempt_waits_the_next_retry_delay_and_the_last_delay_repeats()
    {
        var id = await FirstAttemptWhileTheRelayIsDownAsync();
        foreach (var expected in new[] { _harness.Smtp.RetryDelays[1], _harness.Smtp.RetryDelays[1] })
        {
            _harness.Clock.Advance((await _harness.OutboxRowAsync(id)).NextAttemptAt!.Value - _harness.Clock.GetUtcNow());
            await _harness.CreateJob().SendAsync(id, CancellationToken.None);
            Assert.Equal(_harness.Clock.GetUtcNow() + expected, (await _harness.OutboxRowAsync(id)).NextAttemptAt);
        }

        var row = await _harness.OutboxRowAsync(id);
        Assert.Equal(3, row.Attempts);
        Assert.Equal(OutboxStatus.Pending, row.Status);
    }
}
