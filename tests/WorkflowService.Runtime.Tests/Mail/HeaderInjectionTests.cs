using WorkflowService.Runtime.Tests.Mail.Support;

namespace WorkflowService.Runtime.Tests.Mail;

/// <summary>
/// A line break in a header value would let process data add headers (a Bcc to anyone). The
/// send task is refused in its step, before the outbox row exists: the step commits with an
/// incident and no mail.
/// </summary>
public sealed class HeaderInjectionTests : IAsyncLifetime
{
    private MailHarness _harness = null!;

    public Task InitializeAsync()
    {
        _harness = new MailHarness();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [InlineData("subject", "Late repair\r\nBcc: spy@evil.example")]
    [InlineData("subject", "Late repair\nBcc: spy@evil.example")]
    [InlineData("to", "boss@example.com\r\nBcc: spy@evil.example")]
    [InlineData("cc", "li.wei\rBcc: spy@evil.example")]
    [InlineData("rule", "three-rings\r\nX-Injected: yes")]
    public async Task A_line_break_in_a_header_value_is_refused_before_anything_is_written(string input, string value)
    {
        var inputs = new Dictionary<string, object?> { ["to"] = "managers", ["subject"] = "Late", [input] = value };

        var (error, scope) = await _harness.RefusedSendTaskAsync(inputs.Select(i => (i.Key, i.Value)).ToArray());

        Assert.Contains($"input '{input}' contains a line break", error.Message);
        Assert.Contains(MailHarness.SendTaskId, error.Message);
        Assert.Empty(scope.Effects.Outbox);
        Assert.Empty(await _harness.OutboxRowsAsync());
    }

    [Fact]
    public async Task A_line_break_in_one_address_of_a_list_is_refused()
    {
        var (error, _) = await _harness.RefusedSendTaskAsync(("to", new[] { "managers", "boss@example.com\r\nBcc: spy@evil.example" }));

        Assert.Contains("input 'to' contains a line break", error.Message);
        Assert.Empty(await _harness.OutboxRowsAsync());
    }
}
