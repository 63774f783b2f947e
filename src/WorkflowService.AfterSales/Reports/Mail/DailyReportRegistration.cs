using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkflowService.AfterSales.Reports.Monthly;
using WorkflowService.AfterSales.Reports.Quality;

namespace WorkflowService.AfterSales.Reports.Mail;

public static class DailyReportRegistration
{
    /// <summary>
    /// The daily report, the weekly quality feedback and the monthly summary, their settings and the start-up step that
    /// schedules them; called by <c>AddAfterSales</c>.
    /// </summary>
    public static IServiceCollection AddDailyReport(this IServiceCollection services)
    {
        services.AddSingleton<DailyReportSettingsStore>();
        services.AddSingleton<DailyReportBuilder>();
        services.AddSingleton<DailyReport>();
        services.AddSingleton<DailyReportRobots>();
        services.AddSingleton<ReportOutbox>();
        services.AddSingleton<ReportOrders>();
        services.AddSingleton<WeeklyQualitySettingsStore>();
        services.AddSingleton<WeeklyQualityBuilder>();
        services.AddSingleton<WeeklyQualityReport>();
        services.AddSingleton<MonthlySummarySettingsStore>();
        services.AddSingleton<MonthlySummaryWorkbook>();
        services.AddSingleton<MonthlySummaryReport>();
        services.AddHostedService<DailyReportStartup>();
        return services;
    }
}

/// <summary>Schedules the reports at the saved (or configured) times; after the schema is migrated (registered after it).</summary>
internal sealed class DailyReportStartup(DailyReportSettingsStore settings, WeeklyQualitySettingsStore weekly, MonthlySummarySettingsStore monthly)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        settings.Schedule(await settings.GetAsync(cancellationToken));
        weekly.Schedule(await weekly.GetAsync(cancellationToken));
        monthly.Schedule(await monthly.GetAsync(cancellationToken));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
