using System.Globalization;
using MimeKit;
using WorkflowService.Runtime.Tests.Mail.Support;

namespace WorkflowService.Runtime.Tests.Mail;

/// <summary>An email shows times in <c>App:TimeZone</c>, the department's zone, whatever zone the server machine is set to.</summary>
public sealed class MailTimeZoneTests : IAsyncLifetime
{
    private MailHarness _harness = null!;

    public Task InitializeAsync()
    {
        _harness = new MailHarness(smtpPort: null);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [InlineData("Asia/Shanghai")]
    [InlineData("America/New_York")]
    public async Task The_due_time_of_a_task_in_an_email_is_shown_in_the_apps_time_zone(string zone)
    {
        _harness.App.TimeZone = zone;
        var id = await _harness.SendTaskAsync(("to", "managers"), ("rule", "acceptance-24h"), ("subject", "Request not accepted"));

        await _harness.CreateJob().SendAsync(id, CancellationToken.None);

        var message = await MimeMessage.LoadAsync(Path.Combine(_harness.Storage.DataPath, "mail", $"{id}.eml"));
        var due = TimeZoneInfo.ConvertTime(_harness.Clock.GetUtcNow().AddHours(4), TimeZoneInfo.FindSystemTimeZoneById(zone));
        Assert.Contains(due.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), message.HtmlBody);
    }
}
