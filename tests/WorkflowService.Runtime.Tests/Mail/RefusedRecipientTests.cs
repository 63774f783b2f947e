using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tests.Mail.Support;

namespace WorkflowService.Runtime.Tests.Mail;

/// <summary>
/// The relay refuses a recipient (550: the mailbox no longer exists). The mail goes to the others
/// and the refusal is noted; when the relay refuses everyone, the row fails for good, because
/// the same mail would be refused again.
/// </summary>
public sealed class RefusedRecipientTests : RelayTest
{
    [Fact]
    public async Task A_refused_recipient_is_left_out_and_noted_and_the_others_get_the_mail()
    {
        Smtp.Refuse("wang.fang@example.com");
        var id = await Harness.SendTaskAsync(("to", "li.wei"), ("cc", "wang.fang, zhang.min"));

        await Harness.CreateJob().SendAsync(id, CancellationToken.None);

        var row = await Harness.OutboxRowAsync(id);
        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.StartsWith("Sent without: wang.fang@example.com refused by the server: 550", row.LastError);
        var mail = Assert.Single(Smtp.Received);
        Assert.Equal(["li.wei@example.com", "zhang.min@example.com"], mail.EnvelopeTo.Order());
    }

    [Fact]
    public async Task When_every_recipient_is_refused_the_mail_fails_for_good_naming_them()
    {
        Smtp.Refuse("li.wei@example.com");
        Smtp.Refuse("wang.fang@example.com");
        var id = await Harness.SendTaskAsync(("to", "li.wei, wang.fang"));

        await Harness.CreateJob().SendAsync(id, CancellationToken.None);

        var row = await Harness.OutboxRowAsync(id);
        Assert.Equal(OutboxStatus.Failed, row.Status);
        Assert.Null(row.NextAttemptAt);
        Assert.Contains("The SMTP server refused the mail: 550", row.LastError);
        Assert.Contains("li.wei@example.com refused by the server", row.LastError);
        Assert.Contains("wang.fang@example.com refused by the server", row.LastError);
        Assert.Empty(Smtp.Received);
        Assert.Equal(0, Harness.JobStorage.GetMonitoringApi().ScheduledCount());
    }

    [Fact]
    public async Task A_recipient_told_to_try_later_gets_the_mail_in_a_follow_up_once_the_server_accepts_it()
    {
        Smtp.Refuse("wang.fang@example.com", temporarily: true);
        var id = await Harness.SendTaskAsync(("to", "li.wei, wang.fang"));

        await Harness.CreateJob().SendAsync(id, CancellationToken.None);

        var sent = await Harness.OutboxRowAsync(id);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Contains("to be sent again later", sent.LastError);
        Assert.Contains("wang.fang@example.com refused by the server: 451", sent.LastError);
        var followUp = Assert.Single(await Harness.OutboxRowsAsync(), r => r.Id != id);
        Assert.Equal(OutboxStatus.Pending, followUp.Status);
        Assert.Equal(["wang.fang@example.com"], Harness.Payload(followUp).To);
        Assert.Equal(1, Harness.JobStorage.GetMonitoringApi().ScheduledCount());

        Smtp.Accept("wang.fang@example.com");
        Harness.Clock.Advance(Harness.Smtp.EffectiveRetryDelays[0]);
        await Harness.CreateJob().SendAsync(followUp.Id, CancellationToken.None);

        Assert.Equal(OutboxStatus.Sent, (await Harness.OutboxRowAsync(followUp.Id)).Status);
        Assert.Equal(["li.wei@example.com", "wang.fang@example.com"], Smtp.Received.Select(m => Assert.Single(m.EnvelopeTo)));
        Assert.Equal(Smtp.Received[0].Subject, Smtp.Received[1].Subject);
    }
}
