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
                // Read by hand, not bound: the binder silently drops a list element it cannot bind (Events given as
                // an array into a string), and a robot that vanishes without a word is worse than a refused start.
                o.Robots.AddRange(config.GetSection(RobotSettings.RobotsSection).GetChildren().Select(Robot));
                config.GetSection(RobotSettings.RetryDelaysSection).Bind(o.RetryDelays);
            })
            .Validate(o => o.Robots.All(r => RobotDirectory.Problem(r.Name, r.Url, r.Events) is null),
                "Notifications:Robots: every robot needs a Name, an http(s) Url and known Events (breach, warning, escalation, daily-report, missed-call)")
            .ValidateOnStart();
        services.AddSingleton<RobotSecrets>();
        services.AddSingleton<RobotDirectory>();
        services.AddSingleton<RobotRenderer>();
        services.AddSingleton<RobotOutbox>();
        services.AddSingleton<RobotAlerts>();
        services.AddTransient<RobotJob>();
        services.AddSingleton<RobotPoster>();
        services.AddSingleton<RobotPacer>();
        services.AddScoped<RobotAdministration>();
        services.AddSingleton<NotifyHandler>();
        services.AddSingleton<WorkflowService.Runtime.Instances.IInternalTopicHandler>(sp => sp.GetRequiredService<NotifyHandler>());
        // No logging handlers: they would log each request's URL, and a robot's URL holds its key.
        services.AddHttpClient(RobotPoster.HttpClientName).RemoveAllLoggers();
    }

    private static RobotOptions Robot(IConfigurationSection section)
    {
        var kind = section[nameof(RobotOptions.Kind)];
        return new RobotOptions
        {
            Name = section[nameof(RobotOptions.Name)] ?? "",
            Kind = Enum.TryParse<RobotKind>(kind, ignoreCase: true, out var k) && Enum.IsDefined(k)
                ? k
                : throw new InvalidOperationException($"{section.Path}:Kind is '{kind}': use WeCom, DingTalk or Feishu"),
            Url = section[nameof(RobotOptions.Url)] ?? "",
            Secret = section[nameof(RobotOptions.Secret)],
            Events = section[nameof(RobotOptions.Events)] ?? List(section.GetSection(nameof(RobotOptions.Events))),
            Groups = section[nameof(RobotOptions.Groups)] ?? List(section.GetSection(nameof(RobotOptions.Groups))),
        };
    }

    /// <summary>Events and Groups may also be JSON arrays: joined, as if written comma-separated.</summary>
    private static string? List(IConfigurationSection section) =>
        section.GetChildren().Select(c => c.Value).OfType<string>().ToList() is { Count: > 0 } items ? string.Join(",", items) : null;
}
