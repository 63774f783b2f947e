using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using WorkflowService.Runtime.Configuration;

namespace WorkflowService.Runtime.Mail;

/// <summary>
/// Builds the MIME message of an outbox row and hands it to the SMTP server, or, with no
/// <c>Smtp:Host</c>, drops it as <c>{DataPath}/mail/{outboxId}.eml</c> (development, demos).
/// </summary>
internal sealed class MailTransport(SmtpOptions smtp, StorageOptions storage)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public string MailDirectory => Path.Combine(storage.DataPath, "mail");

    /// <exception cref="PermanentMailException">The attachments add up to more than <see cref="MailAttachment.MaxTotalBytes"/>.</exception>
    public MimeMessage Build(Guid outboxId, Recipients recipients, RenderedMail mail, DateTimeOffset now,
        IReadOnlyList<MailAttachment>? attachments = null)
    {
        var body = new BodyBuilder { HtmlBody = mail.Html, TextBody = mail.Text };
        if (attachments is { Count: > 0 })
        {
            // Refused here too, not only where the payload is written: a row written by hand or by an older node must
            // not make a message every server refuses (and be retried forever).
            if (!MailAttachment.Fit(attachments))
                throw new PermanentMailException(
                    $"The attachments add up to {attachments.Sum(a => a.Length)} bytes, more than the {MailAttachment.MaxTotalBytes} a mail may carry");
            foreach (var attachment in attachments)
                body.Attachments.Add(attachment.FileName, attachment.Bytes(), ContentType.Parse(attachment.ContentType));
        }
        var from = MailboxAddress.Parse(smtp.From);
        var message = new MimeMessage
        {
            Subject = mail.Subject,
            Date = now,
            // Stable per outbox row: a resend after an unclear failure carries the same id, so the
            // receiving side (and anyone reading the logs) can tell it is the same mail.
            MessageId = $"{outboxId}@{(from.Domain is { Length: > 0 } domain ? domain : "localhost")}",
            Body = body.ToMessageBody(),
        };
        message.From.Add(from);
        message.To.AddRange(recipients.To);
        message.Cc.AddRange(recipients.Cc);
        // Machine-sent (RFC 3834): out-of-office replies must not answer it.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-Auto-Response-Suppress", "All");
        return message;
    }

    /// <returns>
    /// Where the message went, for the log, and the recipients the server refused (the mail went
    /// to the others: one departed colleague must not keep an escalation from the rest).
    /// </returns>
    /// <exception cref="PermanentMailException">The server refused every recipient, or the message itself.</exception>
    public async Task<(string Destination, IReadOnlyList<RefusedRecipient> Refused)> DeliverAsync(Guid outboxId, MimeMessage message,
        CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(smtp.Host)) return (await DropAsync(outboxId, message, ct), []);

        using var client = new RecipientTolerantSmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        await client.ConnectAsync(smtp.Host, smtp.Port, Security(smtp.Security), ct);
        if (!string.IsNullOrEmpty(smtp.UserName)) await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
        try
        {
            await client.SendAsync(message, ct);
        }
        catch (SmtpCommandException ex) when (ex.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted
                                              && (int)ex.StatusCode >= 500)
        {
            // A 5xx reply is final (RFC 5321): sending the same mail again gets the same answer.
            var refused = client.Refused.Count > 0 ? $" ({string.Join("; ", client.Refused.Select(r => r.Describe()))})" : "";
            throw new PermanentMailException($"The SMTP server refused the mail: {(int)ex.StatusCode} {ex.Message}{refused}");
        }
        try
        {
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The server accepted the message: a failed goodbye must not make it a failure (and a resend).
        }
        return ($"smtp {smtp.Host}:{smtp.Port}", client.Refused);
    }

    /// <summary>Sends to the recipients the server accepts and notes the others, instead of giving up on the first refusal.</summary>
    private sealed class RecipientTolerantSmtpClient : SmtpClient
    {
        public List<RefusedRecipient> Refused { get; } = [];

        protected override void OnRecipientNotAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response) =>
            Refused.Add(new RefusedRecipient(mailbox.Address, (int)response.StatusCode, response.Response));

        /// <summary>Every recipient refused: final if every refusal was (5xx), else worth another try later.</summary>
        protected override void OnNoRecipientsAccepted(MimeMessage message) =>
            throw new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted,
                Refused.TrueForAll(r => !r.IsTemporary) ? SmtpStatusCode.MailboxUnavailable : SmtpStatusCode.MailboxBusy,
                "No recipient was accepted");
    }

    private async Task<string> DropAsync(Guid outboxId, MimeMessage message, CancellationToken ct)
    {
        Directory.CreateDirectory(MailDirectory);
        var path = Path.Combine(MailDirectory, $"{outboxId}.eml");
        // Written aside and moved in, so a reader of the folder never sees half a message.
        var partial = path + ".partial";
        await message.WriteToAsync(partial, ct);
        File.Move(partial, path, overwrite: true);
        return path;
    }

    private static SecureSocketOptions Security(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => throw new ArgumentOutOfRangeException(nameof(security), security, "Unknown Smtp:Security"),
    };
}

/// <summary>A recipient the SMTP server did not accept, with its reply.</summary>
/// <param name="Status">The SMTP reply code: 4xx means "try later" (greylisting, a full mailbox), 5xx never.</param>
internal sealed record RefusedRecipient(string Address, int Status, string Reply)
{
    public bool IsTemporary => Status is >= 400 and < 500;

    public string Describe() => $"{Address} refused by the server: {Status} {Reply}";
}
