using MimeKit;
using WorkflowService.Runtime.Mail;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tests.Mail.Support;

namespace WorkflowService.Runtime.Tests.Mail;

/// <summary>A payload's attachments (a report's workbook) are kept in the outbox row and sent with the mail, byte for byte.</summary>
public sealed class MailAttachmentTests : IAsyncLifetime
{
    private MailHarness _harness = null!;

    public Task InitializeAsync()
    {
        _harness = new MailHarness(smtpPort: null);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task An_attachment_in_the_payload_goes_out_with_the_mail_under_its_name_and_type_with_the_same_bytes()
    {
        byte[] bytes = [0x50, 0x4B, 0x03, 0x04, 0x00, 0xFF, 0x10, 0x20, 0x30];
        var id = await RowAsync([MailAttachment.Of("月度服务单汇总-2026-11.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes)]);

        await _harness.CreateJob().SendAsync(id, CancellationToken.None);

        var message = await MimeMessage.LoadAsync(Path.Combine(_harness.Storage.DataPath, "mail", $"{id}.eml"));
        var part = Assert.IsType<MimePart>(Assert.Single(message.Attachments));
        Assert.Equal("月度服务单汇总-2026-11.xlsx", part.FileName);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", part.ContentType.MimeType);
        using var content = new MemoryStream();
        await part.Content!.DecodeToAsync(content);
        Assert.Equal(bytes, content.ToArray());
        Assert.NotNull(message.HtmlBody);
        Assert.NotNull(message.TextBody);
        Assert.Equal(OutboxStatus.Sent, (await _harness.OutboxRowAsync(id)).Status);
    }

    [Fact]
    public async Task A_payload_without_attachments_is_read_as_before_and_sends_none()
    {
        var id = await _harness.SendTaskAsync(("to", "managers"), ("subject", "No files"));
        Assert.DoesNotContain("\"attachments\":[{", (await _harness.OutboxRowAsync(id)).PayloadJson);

        await _harness.CreateJob().SendAsync(id, CancellationToken.None);

        var message = await MimeMessage.LoadAsync(Path.Combine(_harness.Storage.DataPath, "mail", $"{id}.eml"));
        Assert.Empty(message.Attachments);
    }

    [Fact]
    public async Task Attachments_above_the_limit_fail_the_row_for_good_with_a_clear_error_instead_of_being_retried()
    {
        var big = new byte[MailAttachment.MaxTotalBytes / 2 + 1];
        var id = await RowAsync([MailAttachment.Of("a.bin", "application/octet-stream", big), MailAttachment.Of("b.bin", "application/octet-stream", big)]);

        await _harness.CreateJob().SendAsync(id, CancellationToken.None);

        var row = await _harness.OutboxRowAsync(id);
        Assert.Equal(OutboxStatus.Failed, row.Status);
        Assert.Contains("more than the 10485760 a mail may carry", row.LastError);
        Assert.False(Directory.Exists(Path.Combine(_harness.Storage.DataPath, "mail")) &&
                     Directory.GetFiles(Path.Combine(_harness.Storage.DataPath, "mail")).Length > 0);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(1000)]
    public void The_size_is_read_from_the_base64_text_without_decoding(int length) =>
        Assert.Equal(length, MailAttachment.Of("x", "application/octet-stream", new byte[length]).Length);

    /// <summary>An outbox row written as a report writes it: the payload with its attachments, no instance.</summary>
    private async Task<Guid> RowAsync(IReadOnlyList<MailAttachment> attachments)
    {
        var now = _harness.Clock.GetUtcNow();
        var payload = new MailPayload
        {
            To = ["li.wei@example.com"], Template = "escalation", Subject = "Report",
            Instance = new MailInstance(Guid.Empty, "report", 0, "monthly-summary:2026-11"), Link = "https://ws.example.com/reports",
            Attachments = attachments,
        };
        var row = new OutboxMessage
        {
            Id = Guid.CreateVersion7(now), Kind = MailPayload.Kind, CreatedAt = now, Status = OutboxStatus.Pending, PayloadJson = payload.Serialize(),
        };
        await using var db = _harness.Database.Factory.Create();
        db.Outbox.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    }
}
