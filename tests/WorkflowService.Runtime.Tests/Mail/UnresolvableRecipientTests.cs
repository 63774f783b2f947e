using MimeKit;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tests.Mail.Support;

namespace WorkflowService.Runtime.Tests.Mail;

/// <summary>
/// Recipients are looked up when the mail leaves. Names that give nobody are skipped and noted;
/// when nobody is left the row fails for good with the reasons, since no retry can help.
/// </summary>
public sealed class UnresolvableRecipientTests : IAsyncLifetime
{
    private MailHarness _harness = null!;

    public Task InitializeAsync()
    {
        _harness = new MailHarness(smtpPort: null);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private string MailFolder => Path.Combine(_harness.Storage.DataPath, "mail");

    [Fact]
    public async Task A_mail_whose_recipients_resolve_to_nobody_fails_with_a_clear_error()
    {
        var id = await _harness.SendTaskAsync(("to", "ghost, empty-desk, no.mail, bad@@example.com"));

        await _harness.CreateJob().SendAsync(id, CancellationToken.None);

        var row = await _harness.OutboxRowAsync(id);
        Assert.Equal(OutboxStatus.Failed, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Null(row.NextAttemptAt);
        Assert.StartsWith("No recipient: ", row.LastError);
        Assert.Contains("'ghost' is neither a user nor a group", row.LastError);
        Assert.Contains("group 'empty-desk' has no member with an email address", row.LastError);
        Assert.Contains("user 'no.mail' has no valid email address", row.LastError);
        Assert.Contains("'bad@@example.com' is not a valid email address", row.LastError);
        Assert.False(Directory.Exists(MailFolder) && Directory.EnumerateFiles(MailFolder).Any());
        Assert.Equal(0, _harness.JobStorage.GetMonitoringApi().ScheduledCount());
    }

    [Fact]
    public async Task Unknown_names_are_skipped_and_noted_when_someone_is_left()
    {
        var id = await _harness.SendTaskAsync(("to", "ghost, li.wei"), ("cc", "empty-desk"));

        await _harness.CreateJob().SendAsync(id, CancellationToken.None);

        var row = await _harness.OutboxRowAsync(id);
        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.Equal("Sent without: 'ghost' is neither a user nor a group; group 'empty-desk' has no member with an email address",
            row.LastError);
        var message = await MimeMessage.LoadAsync(Path.Combine(MailFolder, $"{id}.eml"));
        Assert.Equal(["li.wei@example.com"], message.To.Mailboxes.Select(m => m.Address));
        Assert.Empty(message.Cc);
        Assert.Contains("Dear 李伟,", message.HtmlBody);
    }
}
