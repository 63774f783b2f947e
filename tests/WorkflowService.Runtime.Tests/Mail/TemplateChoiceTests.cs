using WorkflowService.Runtime.Tests.Mail.Support;

namespace WorkflowService.Runtime.Tests.Mail;

/// <summary>
/// The template is a folder under <c>workflows/templates</c>, named by the send task: an unknown
/// or malformed name is refused in the step (an incident), never discovered when sending.
/// </summary>
public sealed class TemplateChoiceTests : IAsyncLifetime
{
    private MailHarness _harness = null!;

    public Task InitializeAsync()
    {
        _harness = new MailHarness();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task An_unknown_template_is_refused_before_anything_is_written()
    {
        var (error, scope) = await _harness.RefusedSendTaskAsync(("to", "managers"), ("template", "no-such-template"));

        Assert.Contains("email template 'no-such-template' does not exist", error.Message);
        Assert.Empty(scope.Effects.Outbox);
        Assert.Empty(await _harness.OutboxRowsAsync());
    }

    [Theory]
    [InlineData("../escalation")]
    [InlineData("escalation/../escalation")]
    [InlineData("Escalation")]
    [InlineData("escalation\n")]
    [InlineData("/etc")]
    public async Task A_template_name_that_is_not_a_plain_folder_name_is_refused(string template)
    {
        var (error, _) = await _harness.RefusedSendTaskAsync(("to", "managers"), ("template", template));

        Assert.Contains("is invalid", error.Message);
        Assert.Empty(await _harness.OutboxRowsAsync());
    }

    [Fact]
    public async Task Without_a_template_input_the_escalation_template_is_used()
    {
        var id = await _harness.SendTaskAsync(("to", "managers"));

        Assert.Equal("escalation", _harness.Payload(await _harness.OutboxRowAsync(id)).Template);
    }
}
