using WorkflowService.Runtime.Tests.Mail.Support;

namespace WorkflowService.Runtime.Tests.Mail;

/// <summary>A send task that names nobody is a modelling error: refused in its step, nothing written.</summary>
public sealed class MissingRecipientTests : IAsyncLifetime
{
    private MailHarness _harness = null!;

    public Task InitializeAsync()
    {
        _harness = new MailHarness();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    public static TheoryData<object?> NoRecipient => new() { null, "", " , ,", Array.Empty<string>(), new string?[] { null } };

    [Fact]
    public async Task A_send_task_without_a_to_input_is_refused()
    {
        var (error, _) = await _harness.RefusedSendTaskAsync(("subject", "Late"), ("cc", "li.wei"));

        Assert.Contains("input 'to' is missing or empty", error.Message);
        Assert.Empty(await _harness.OutboxRowsAsync());
    }

    [Theory]
    [MemberData(nameof(NoRecipient))]
    public async Task A_send_task_whose_to_input_lists_nobody_is_refused(object? to)
    {
        var (error, _) = await _harness.RefusedSendTaskAsync(("to", to), ("cc", "li.wei"));

        Assert.Contains("input 'to' is missing or empty", error.Message);
        Assert.Empty(await _harness.OutboxRowsAsync());
    }

    [Fact]
    public async Task A_to_input_that_is_not_text_is_refused()
    {
        var (error, _) = await _harness.RefusedSendTaskAsync(("to", 42));

        Assert.Contains("input 'to' must be text or a list of texts", error.Message);
    }
}
