namespace WorkflowService.Runtime.Mail;

/// <summary>
/// A file sent with a mail, its bytes kept in the outbox row (base64) so that a retry sends the same bytes the step
/// decided to send, whatever the data looks like by then.
/// </summary>
public sealed record MailAttachment(string FileName, string ContentType, string ContentBase64)
{
    /// <summary>
    /// The most bytes a mail's attachments may add up to. Many servers refuse messages above 10–25 MB (base64 adds a
    /// third), and an outbox row is read whole: a report larger than this is offered as a link instead.
    /// </summary>
    public const int MaxTotalBytes = 10 * 1024 * 1024;

    public static MailAttachment Of(string fileName, string contentType, byte[] bytes) =>
        new(fileName, contentType, Convert.ToBase64String(bytes));

    /// <summary>The decoded size, without decoding.</summary>
    public long Length => ContentBase64.Length / 4L * 3 - (ContentBase64.EndsWith("==", StringComparison.Ordinal) ? 2 : ContentBase64.EndsWith('=') ? 1 : 0);

    public byte[] Bytes() => Convert.FromBase64String(ContentBase64);

    /// <summary>Whether these attachments fit in one mail (<see cref="MaxTotalBytes"/>).</summary>
    public static bool Fit(IEnumerable<MailAttachment> attachments) => attachments.Sum(a => a.Length) <= MaxTotalBytes;
}
