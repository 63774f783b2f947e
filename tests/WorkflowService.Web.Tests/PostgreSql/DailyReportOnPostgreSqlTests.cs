using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WorkflowService.AfterSales.Reports.Mail;
using WorkflowService.Web.Tests.Reports;

namespace WorkflowService.Web.Tests.PostgreSql;

/// <summary>
/// The daily report's content on PostgreSQL: yesterday's KPIs, the open tasks due by tonight ordered by their due time,
/// yesterday's breaches, and their orders and customers joined, are translated differently than on SQLite; the known
/// Monday (<see cref="DailyReportTests.SeedAsync"/>) gives the same report.
/// </summary>
public sealed class DailyReportOnPostgreSqlTests(PostgreSqlNodes nodes) : IClassFixture<PostgreSqlNodes>
{
    [SkippableFact]
    public async Task The_known_mondays_report_is_as_on_sqlite()
    {
        var tuesday = DailyReportHost.At(2026, 12, 8);
        var node = await nodes.StartNodeAsync(new FakeTimeProvider(tuesday));
        await DailyReportTests.SeedAsync(node);

        DailyReportTests.AssertTuesday(await node.Services.GetRequiredService<DailyReportBuilder>()
            .BuildAsync(new DateOnly(2026, 12, 8), tuesday, CancellationToken.None));
    }
}
