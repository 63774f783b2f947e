using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using WorkflowService.Runtime.Mail;
using WorkflowService.Runtime.Scheduling;
using WorkflowService.Testing;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Runtime;

/// <summary>
/// The tests run many services in one process, each with its own Hangfire storage and server.
/// Disposing one must not break the others: Hangfire's process-wide log provider used to point
/// at the disposed host's logger factory, and every later timer or mail job in the other hosts
/// failed to be created (the mail then waited for a sweep that a fake-clock test never ran).
/// </summary>
public sealed class HostsInOneProcessTests
{
    [Fact]
    public async Task Disposing_one_host_leaves_timer_and_mail_jobs_working_in_another()
    {
        var survivor = new WorkflowHost();
        var disposed = new WorkflowHost();
        try
        {
            _ = survivor.Server;
            _ = disposed.Server;
            await disposed.DisposeAsync();

            var jobs = survivor.Services.GetRequiredService<IBackgroundJobClient>();
            var mail = jobs.Enqueue<OutboxJob>(j => j.SendAsync(Guid.NewGuid(), CancellationToken.None));
            var timer = jobs.Schedule<TimerJob>(j => j.FireAsync(Guid.NewGuid(), CancellationToken.None), TimeSpan.FromHours(1));

            Assert.NotNull(mail);
            Assert.NotNull(timer);
        }
        finally
        {
            await survivor.DisposeAsync();
            TempFolder.TryDelete(survivor.Settings.DataDirectory);
            TempFolder.TryDelete(disposed.Settings.DataDirectory);
        }
    }
}
