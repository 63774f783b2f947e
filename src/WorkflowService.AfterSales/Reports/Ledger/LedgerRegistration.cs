using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace WorkflowService.AfterSales.Reports.Ledger;

public static class LedgerRegistration
{
    /// <summary>The engineers' ledger and its amounts (<c>Reports:*</c>); called by <c>AddAfterSales</c>.</summary>
    public static IServiceCollection AddEngineersLedger(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        services.AddOptions<LedgerOptions>().Bind(configuration.GetSection(LedgerOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<EngineersLedger>();
        return services;
    }
}
