using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkflowService.Runtime;
using WorkflowService.Runtime.Instances;

namespace WorkflowService.AfterSales.Reports.Kpis;

public static class KpiRegistration
{
    /// <summary>The dashboard's figures and the lists behind its numbers (<c>Reports:FirstTimeFixDays</c>); called by <c>AddAfterSales</c>.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DashboardOptions>().Bind(configuration.GetSection(DashboardOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<BreachList>(); // the breaches list's filters, for the page, the API and the breach numbers
        foreach (var milestone in KpiReport.Milestones) services.AddMilestone(milestone);
        services.AddSingleton<KpiSeeds>();
        services.AddSingleton<KpiCases>();
        services.AddSingleton<DashboardReport>();
        return services;
    }
}
