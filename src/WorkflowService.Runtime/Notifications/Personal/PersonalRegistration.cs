using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace WorkflowService.Runtime.Notifications.Personal;

/// <summary>Per-person notifications: settings, the writer the steps call, the bell's service and the every-minute due sweep.</summary>
internal static class PersonalRegistration
{
    public static void Add(IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration config)
    {
        services.AddOptions<PersonalNotificationOptions>().Bind(config.GetSection(PersonalNotificationOptions.Section))
            .Validate(o => o.Lead is not null, "Notifications:Personal:DueSoonLead must be a positive duration, such as PT2H")
            .Validate(o => o.DefaultsNameKnownEvents,
                $"Notifications:Personal:Defaults names an unknown event: use {string.Join(", ", PersonalEvents.All)}")
            .ValidateOnStart();
        services.AddSingleton<PersonalNotices>();
        services.AddSingleton<PersonalNotificationService>();
        services.AddTransient<DueNoticeSweep>();
        services.TryAddSingleton<IPersonalNoticePusher, NoPersonalNoticePusher>();
        services.AddHostedService<DueSweepSchedule>();
    }
}

/// <summary>Registers the due sweep with Hangfire at start-up (after the migrations: registered after <see cref="WorkflowStartup"/>).</summary>
internal sealed class DueSweepSchedule(IRecurringJobManager recurring, IOptions<PersonalNotificationOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.DueSweep) DueNoticeSweep.Schedule(recurring);
        else recurring.RemoveIfExists(DueNoticeSweep.JobId);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
