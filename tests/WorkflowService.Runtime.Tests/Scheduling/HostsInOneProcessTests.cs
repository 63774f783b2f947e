using Hangfire;
using WorkflowService.Runtime.Mail;
using WorkflowService.Runtime.Scheduling;
using WorkflowService.Runtime.Tests.Support;
using WorkflowService.Testing;

namespace WorkflowService.Runtime.Tests.Scheduling;

/// <summary>
/// The tests run many runtimes in one process, each with its own Hangfire storage and server.
/// Disposing one must not break the others: Hangfire's process-wide log provider used to point
/// at the disposed host's logger factory, and every later timer or mail job in the other hosts
/// failed to be created (the mail then waited for a sweep that a fake-clock test never ran).
/// </summary>
public sealed class HostsInOneProcessTests
{
    [Fact]
    public async Task Disposing_one_host_leaves_timer_and_mail_jobs_working_in_another()
    {
        var survivor = await RuntimeHost.StartAsync();
        var disposed = await RuntimeHost.StartAsync();
        try
        {
            await disposed.DisposeAsync();

            var jobs = survivor.Get<IBackgroundJobClient>();
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
