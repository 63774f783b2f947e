using MimeKit;
using WorkflowService.Engine.Execution;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tests.Mail.Support;
using WorkflowService.Testing;

namespace WorkflowService.Runtime.Tests.Mail;

/// <summary>
/// The subject is a header: rendered without HTML encoding and refused when it is not one line.
/// The send task checks its own inputs; a template can still put a multi-line variable into the
/// subject, which the sender refuses for good rather than send a mail with injected headers.
/// </summary>
public sealed class SubjectLineTests : IAsyncLifetime
{
    private readonly string _workflows = TempFolder.Create("templates-");
    private MailHarness _harness = null!;

    public Task InitializeAsync()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_workflows, "templates", "customer-notice")).FullName;
        File.WriteAllText(Path.Combine(folder, "subject.liquid"), "Notice for {{ variables.customer }}\n");
        File.WriteAllText(Path.Combine(folder, "body.liquid"), "<p>{{ variables.customer }}</p>");
        _harness = new MailHarness(smtpPort: null, workflowsDirectory: _workflows);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        TempFolder.TryDelete(_workflows);
    }

    [Fact]
    public async Task The_trailing_newline_of_a_subject_template_file_is_not_part_of_the_subject()
    {
        _harness.Variables = VariableMap.Of(("customer", "A&B <Shanghai>"));
        var id = await _harness.SendTaskAsync(("to", "li.wei"), ("template", "customer-notice"));

        await _harness.CreateJob().SendAsync(id, CancellationToken.None);

        Assert.Equal(OutboxStatus.Sent, (await _harness.OutboxRowAsync(id)).Status);
        var message = await MimeMessage.LoadAsync(Path.Combine(_harness.Storage.DataPath, "mail", $"{id}.eml"));
        Assert.Equal("Notice for A&B <Shanghai>", message.Subject);
    }

    [Fact]
    public async Task A_subject_rendered_with_a_line_break_fails_the_mail_for_good()
    {
        _harness.Variables = VariableMap.Of(("customer", "ACME\r\nBcc: spy@evil.example"));
        var id = await _harness.SendTaskAsync(("to", "li.wei"), ("template", "customer-notice"));

        await _harness.CreateJob().SendAsync(id, CancellationToken.None);

        var row = await _harness.OutboxRowAsync(id);
        Assert.Equal(OutboxStatus.Failed, row.Status);
        Assert.Equal("Template 'customer-notice' rendered a subject with a line break", row.LastError);
        Assert.False(Directory.Exists(Path.Combine(_harness.Storage.DataPath, "mail")));
    }
}
