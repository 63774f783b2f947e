using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WorkflowService.AfterSales.Customers;
using WorkflowService.AfterSales.Orders;
using WorkflowService.AfterSales.Persistence;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.AfterSales;

/// <summary>
/// Brings the department's tables to the current schema, after the Runtime's (registered after it), writes the search
/// grams of customers that have none (<see cref="SearchGramBackfill"/>), and registers the daily revisit planning.
/// </summary>
public sealed class AfterSalesStartup(
    WorkflowDbFactory dbFactory,
    IRecurringJobManager recurring,
    SearchGramBackfill searchGrams,
    IOptions<AfterSalesOptions> options,
    ILogger<AfterSalesStartup> logger) : IHostedService
{
    /// <summary>The daily job that starts the revisits coming due (<see cref="RevisitPlanner.PlanAsync(CancellationToken)"/>).</summary>
    public const string RevisitJob = "aftersales-revisits";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var oneNodeAtATime = await ClusterLock.AcquireAsync(dbFactory, "aftersales-schema", cancellationToken))
        await using (var db = dbFactory.Create())
        await using (var a = await AfterSalesDbContext.OverAsync(db, cancellationToken))
        {
            var pending = (await a.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                if (logger.IsEnabled(LogLevel.Information)) logger.ApplyingMigrations(pending.Count, string.Join(", ", pending));
                await a.Database.MigrateAsync(cancellationToken);
            }
            // Still under the lock: nodes starting together do not write the same customers' grams twice.
            await searchGrams.RunAsync(cancellationToken);
        }
        // Five past midnight, the department's: the day's revisits are in the inbox when the desk opens.
        recurring.AddOrUpdate<RevisitPlanner>(RevisitJob, p => p.PlanAsync(CancellationToken.None), "5 0 * * *",
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone) });
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

internal static partial class AfterSalesLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} after-sales migration(s): {Migrations}")]
    public static partial void ApplyingMigrations(this ILogger logger, int count, string migrations);
}

public static class AfterSalesRegistration
{
    /// <summary>The department's records; call after <c>AddWorkflowRuntime</c> (their schema follows the Runtime's).</summary>
    public static IHostApplicationBuilder AddAfterSales(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AfterSalesOptions>().Bind(builder.Configuration.GetSection(AfterSalesOptions.Section))
            .PostConfigure<IOptions<Runtime.Configuration.AppOptions>>((o, app) => o.FallBackTo(app.Value))
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "AfterSales:TimeZone is not a time zone this machine knows")
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<AfterSalesStartup>();
        builder.Services.AddSingleton<DepartmentDay>();
        builder.Services.AddSingleton<CustomerArchive>();
        builder.Services.AddSingleton<CustomerCalls>();
        builder.Services.AddSingleton<RevisitPlanner>();
        builder.Services.AddSingleton<WorkOrderDesk>();
        builder.Services.AddSingleton<CustomerImporter>();
        builder.Services.AddSingleton<SearchGramBackfill>();
        builder.Services.AddSingleton<Export.RecordSheets>();
        builder.Services.AddSingleton<Export.HotlineSheets>();
        builder.Services.AddSingleton(sp => ISlipStore.For(sp.GetRequiredService<IOptions<Runtime.Configuration.StorageOptions>>()));
        builder.Services.AddSingleton<RepairSlips>();
        builder.Services.AddSingleton<Reports.Kpis.KpiReport>();
        builder.Services.AddSingleton<Reports.Kpis.RequestVolume>();
        builder.Services.AddSingleton<Hotline.DutyRosterStore>();
        builder.Services.TryAddSingleton<Hotline.IDutyCalendarSource, Hotline.EngineDutyCalendarSource>();
        builder.Services.AddSingleton<Hotline.HotlineDuty>();
        Reports.Ledger.LedgerRegistration.AddEngineersLedger(builder.Services, builder.Configuration);
        Reports.Mail.DailyReportRegistration.AddDailyReport(builder.Services);
        Reports.Kpis.KpiRegistration.AddDashboard(builder.Services, builder.Configuration);
        return builder;
    }
}
