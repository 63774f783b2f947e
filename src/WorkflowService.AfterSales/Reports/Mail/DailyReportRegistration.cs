using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace WorkflowService.AfterSales.Reports.Mail;

public static class DailyReportRegistration
{
    /// <summary>The daily report, its settings and the start-up step that schedules it; called by <c>AddAfterSales</c>.</summary>
    public static IServiceCollection AddDailyReport(this IServiceCollection services)
    {
        services.AddSingleton<DailyReportSettingsStore>();
        services.AddSingleton<DailyReportBuilder>();
        services.AddSingleton<DailyReport>();
        services.AddHostedService<DailyReportStartup>();
        return services;
    }
}

/// <summary>Schedules the daily report at the saved (or configured) time; after the schema is migrated (registered after it).</summary>
internal sealed class DailyReportStartup(DailyReportSettingsStore settings) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) => settings.Schedule(await settings.GetAsync(cancellationToken));

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
