using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace WorkflowService.Runtime.Notifications.Robots;

/// <summary>Group robots: settings, the directory, the outbox writer, the sender and the <c>notify</c> topic.</summary>
internal static class RobotRegistration
{
    public static void Add(IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<RobotSettings>()
            .Configure(o =>
            {
                config.GetSection(RobotSettings.RobotsSection).Bind(o.Robots);
                config.GetSection(RobotSettings.RetryDelaysSection).Bind(o.RetryDelays);
            })
            .Validate(o => o.Robots.All(r => RobotDirectory.Problem(r.Name, r.Url, r.Events) is null),
                "Notifications:Robots: every robot needs a Name, an http(s) Url and known Events (breach, warning, escalation, daily-report, missed-call)")
            .ValidateOnStart();
        services.AddSingleton<RobotDirectory>();
        services.AddSingleton<RobotRenderer>();
        services.AddSingleton<RobotOutbox>();
        services.AddSingleton<RobotAlerts>();
        services.AddTransient<RobotJob>();
        services.AddSingleton<RobotPoster>();
        services.AddScoped<RobotAdministration>();
        services.AddSingleton<NotifyHandler>();
        services.AddSingleton<WorkflowService.Runtime.Instances.IInternalTopicHandler>(sp => sp.GetRequiredService<NotifyHandler>());
        // No logging handlers: they would log each request's URL, and a robot's URL holds its key.
        services.AddHttpClient(RobotPoster.HttpClientName).RemoveAllLoggers();
    }
}
