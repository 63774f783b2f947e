using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Scheduling;
using WorkflowService.Runtime.Tests.Mail.Support;
using WorkflowService.Testing;
using WorkflowService.Testing.Smtp;

namespace WorkflowService.Runtime.Tests.Mail;

/// <summary>
/// The whole way of an escalation: the send task writes the outbox row in its step, the row is
/// handed to Hangfire after commit, a job server runs <c>OutboxJob</c>, and the shipped
/// escalation template arrives at a real SMTP server. Delivered once for the class.
/// </summary>
public sealed class EscalationEmailDeliveryTests(EscalationEmailDeliveryTests.Delivered delivered)
    : IClassFixture<EscalationEmailDeliveryTests.Delivered>
{
    private ReceivedMail Mail => delivered.Mail;

    [Fact]
    public void The_mail_goes_to_the_group_members_the_named_user_and_the_literal_address()
    {
        Assert.Equal(["wang.fang@example.com", "zhang.min@example.com", "li.wei@example.com", "boss@example.com"],
            Mail.Message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal(["chen.jie@example.com"], Mail.Message.Cc.Mailboxes.Select(m => m.Address));
        Assert.Equal(5, Mail.EnvelopeTo.Count);
        Assert.Contains("李伟", Mail.Message.To.Mailboxes.Select(m => m.Name));
    }

    [Fact]
    public void The_subject_is_rendered_from_the_subject_template_without_html_encoding()
    {
        Assert.Equal("【服务升级】Complaint from A&B <Shanghai> could not be resolved [complaint-escalation]",
            Mail.Message.Subject);
    }

    [Fact]
    public void Variables_in_the_html_body_arrive_html_encoded()
    {
        var html = Mail.Message.HtmlBody;
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", html);
        Assert.Contains("TS-2026-0042", html);
    }

    [Fact]
    public void Chinese_text_arrives_readable_in_the_html_body()
    {
        var html = Mail.Message.HtmlBody;
        Assert.Contains("上海华为技术有限公司", html);
        Assert.Contains("投诉未能解决, 已上报主管领导", html);
        Assert.DoesNotContain("&#x4E", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_body_greets_several_recipients_generically_and_links_to_the_task_due_first()
    {
        var html = Mail.Message.HtmlBody;
        Assert.Contains("Dear colleague,", html);
        Assert.Contains("Call customer back / 回拨客户", html); // the task's name in both languages
        Assert.Contains("Complaint / 投诉", html);
        Assert.Contains($"href=\"https://ws.example.com/tasks/{delivered.Harness.CallBackTaskId}\"", html);
    }

    [Fact]
    public void A_plain_text_alternative_carries_the_same_content()
    {
        var text = Mail.Message.TextBody;
        Assert.Contains("<script>alert('x')</script> 上海华为技术有限公司", text);
        Assert.Contains($"https://ws.example.com/tasks/{delivered.Harness.CallBackTaskId}", text);
        Assert.DoesNotContain("<td", text);
    }

    [Fact]
    public void The_message_id_is_derived_from_the_outbox_row_and_the_sender_domain()
    {
        Assert.Equal($"{delivered.OutboxId}@{MailHarness.FromAddress.Split('@')[1]}", Mail.Message.MessageId);
        Assert.Contains($"<{delivered.OutboxId}@service.example.com>", Mail.Raw);
        Assert.Equal(MailHarness.FromAddress, Mail.Message.From.Mailboxes.Single().Address);
    }

    [Fact]
    public void The_outbox_row_is_marked_sent_after_one_attempt()
    {
        var row = delivered.Row;
        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.NotNull(row.SentAt);
        Assert.Null(row.LastError);
        Assert.Null(row.NextAttemptAt);
    }

    public sealed class Delivered : IAsyncLifetime
    {
        private TestSmtpServer _smtp = null!;

        public MailHarness Harness { get; private set; } = null!;
        public Guid OutboxId { get; private set; }
        public ReceivedMail Mail { get; private set; } = null!;
        public OutboxMessage Row { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _smtp = await TestSmtpServer.StartAsync();
            Harness = new MailHarness(_smtp.Port);
            OutboxId = await Harness.SendTaskAsync(
                ("to", "managers, li.wei, boss@example.com"),
                ("cc", "chen.jie"),
                ("template", "escalation"),
                ("rule", "complaint-escalation"),
                ("subject", "Complaint from A&B <Shanghai> could not be resolved"));

            new HangfireOutboxDispatcher(Harness.Jobs).Dispatch(OutboxId);
            Harness.StartJobServer();
            await Poll.UntilAsync(async () => (await Harness.OutboxRowAsync(OutboxId)).Status != OutboxStatus.Pending,
                "the outbox row is handled");

            Row = await Harness.OutboxRowAsync(OutboxId);
            Mail = Assert.Single(_smtp.Received);
        }

        public async Task DisposeAsync()
        {
            await Harness.DisposeAsync();
            await _smtp.DisposeAsync();
        }
    }
}
