using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowService.AfterSales.Customers;
using WorkflowService.AfterSales.Persistence;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Web.Tests.Records;

namespace WorkflowService.Web.Tests.PostgreSql;

/// <summary>
/// The customer search through the gram table on PostgreSQL: the migration's table, the grams rewritten with a
/// change, the start-up backfill, and <c>strpos</c> deciding as the scan did.
/// </summary>
public sealed class CustomerSearchOnPostgreSqlTests(PostgreSqlNodes nodes) : IClassFixture<PostgreSqlNodes>
{
    [SkippableFact]
    public async Task A_customer_is_found_by_name_and_number_fragments_after_a_rename_and_after_the_backfill_as_by_the_scan()
    {
        var node = await nodes.StartNodeAsync();
        var agent = await node.LoginAsync("agent");
        var archive = node.Services.GetRequiredService<CustomerArchive>();
        var id = await RecordsApiTests.AddCustomerAsync(agent, "温州瓯江阀门807厂", "key", ("林工", "0577-8821-3390", "13957720468"));
        Assert.Contains(id, await FoundAsync(archive, "瓯江"));
        Assert.Contains(id, await FoundAsync(archive, "7204"));
        Assert.Contains(id, await FoundAsync(archive, "807"));

        await archive.UpdateAsync(id, new CustomerInput("温州鹿城阀门807厂", "key", [new ContactInput("林工", null, "13957720468", null)], null, null, null), null);
        Assert.DoesNotContain(id, await FoundAsync(archive, "瓯江"));
        Assert.DoesNotContain(id, await FoundAsync(archive, "8821"));
        Assert.Contains(id, await FoundAsync(archive, "鹿城"));

        await using (var db = node.Services.GetRequiredService<WorkflowDbFactory>().Create())
        await using (var a = await AfterSalesDbContext.OverAsync(db, CancellationToken.None))
            await a.SearchGrams.Where(g => g.CustomerId == id).ExecuteDeleteAsync();
        Assert.DoesNotContain(id, await FoundAsync(archive, "鹿城"));
        Assert.Equal(1, await node.Services.GetRequiredService<SearchGramBackfill>().RunAsync());

        foreach (var query in new[] { "鹿城", "阀门", "7204", "807", "温", "57" })
        {
            var found = await FoundAsync(archive, query);
            Assert.Contains(id, found);
            await using var db = node.Services.GetRequiredService<WorkflowDbFactory>().Create();
            await using var a = await AfterSalesDbContext.OverAsync(db, CancellationToken.None);
            var scanned = await CustomerArchive.Matching(a.Customers.AsNoTracking(), query).OrderBy(c => c.Name).Take(CustomerArchive.SearchLimit)
                .Select(c => c.Id).ToListAsync();
            Assert.Equal(scanned.Order(), found.Order());
        }
    }

    private static async Task<List<Guid>> FoundAsync(CustomerArchive archive, string query) => [.. (await archive.SearchAsync(query)).Select(c => c.Id)];
}
