using MimeKit;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tests.Mail.Support;

namespace WorkflowService.Runtime.Tests.Mail;

/// <summary>With no <c>Smtp:Host</c> (development, demos) mail is written to <c>{data}/mail/{outboxId}.eml</c>.</summary>
public sealed class MailDropTests : IAsyncLifetime
{
    private MailHarness _harness = null!;

    public Task InitializeAsync()
    {
        _harness = new MailHarness(smtpPort: null);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Without_an_smtp_host_the_mail_is_written_as_an_eml_file_in_the_data_folder()
    {
        var id = await _harness.SendTaskAsync(("to", "managers"), ("rule", "acceptance-24h"), ("subject", "Request not accepted"));

        await _harness.CreateJob().SendAsync(id, CancellationToken.None);

        var folder = Path.Combine(_harness.Storage.DataPath, "mail");
        var file = Assert.Single(Directory.GetFiles(folder));
        Assert.Equal(Path.Combine(folder, $"{id}.eml"), file);
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal("【服务升级】Request not accepted [acceptance-24h]", message.Subject);
        Assert.Equal($"{id}@service.example.com", message.MessageId);
        Assert.Equal(["wang.fang@example.com", "zhang.min@example.com"], message.To.Mailboxes.Select(m => m.Address));
        Assert.Contains("Dear Service managers,", message.HtmlBody);
        Assert.Contains("服务请求未在24小时内受理", message.HtmlBody);
        Assert.Equal(OutboxStatus.Sent, (await _harness.OutboxRowAsync(id)).Status);
    }

    [Fact]
    public async Task A_variable_holding_an_object_with_a_name_given_twice_is_rendered_with_the_last_value()
    {
        using var order = System.Text.Json.JsonDocument.Parse("""{"number": "SO-1", "number": "SO-2"}""");
        _harness.Variables = _harness.Variables.SetItem("order", order.RootElement.Clone());
        var id = await _harness.SendTaskAsync(("to", "managers"), ("subject", "Order ${order.number}"));

        await _harness.CreateJob().SendAsync(id, CancellationToken.None);

        var row = await _harness.OutboxRowAsync(id);
        Assert.Equal((OutboxStatus.Sent, (string?)null), (row.Status, row.LastError));
    }
}
