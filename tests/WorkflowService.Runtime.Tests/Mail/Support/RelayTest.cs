using WorkflowService.Testing.Smtp;

namespace WorkflowService.Runtime.Tests.Mail.Support;

/// <summary>A test with its own SMTP relay on 127.0.0.1 and a mail harness sending to it.</summary>
public abstract class RelayTest : IAsyncLifetime
{
    protected TestSmtpServer Smtp { get; private set; } = null!;
    protected MailHarness Harness { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Smtp = await TestSmtpServer.StartAsync();
        Harness = new MailHarness(Smtp.Port);
    }

    public async Task DisposeAsync()
    {
        await Harness.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
