using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WorkflowService.AfterSales.Persistence;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.AfterSales.Customers;

/// <summary>
/// Writes the search grams of customers that have none: those of a database from before the gram table (its
/// migration only creates the table: grams are cut in C#, the same code as every write), and any a node of the
/// previous version added after the migration, during a rolling upgrade. Run at every start, after the migrations
/// (<see cref="AfterSalesStartup"/>); idempotent: a customer with grams is left alone, so a start with nothing to do
/// reads one index and writes nothing. A customer whose search text has no gram (a one-character name and no number)
/// is read again at each start, and found by the scan only, as before.
/// </summary>
public sealed class SearchGramBackfill(WorkflowDbFactory dbFactory, TransactionRunner transactions, ILogger<SearchGramBackfill> logger)
{
    /// <summary>Customers per transaction: each a short write turn, so that the desk's writes interleave.</summary>
    private const int Batch = 1_000;

    /// <summary>The number of customers given grams (those whose grams only took their name again not counted).</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        List<Guid> missing, renamed;
        await using (var db = dbFactory.Create())
        await using (var a = await AfterSalesDbContext.OverAsync(db, ct))
        {
            missing = await WithoutGrams(a, a.Customers).Select(c => c.Id).ToListAsync(ct);
            renamed = await WithOtherName(a, a.Customers).Select(c => c.Id).ToListAsync(ct);
        }
        if (renamed.Count > 0) await RenameAsync(renamed, ct);
        if (missing.Count == 0) return 0;

        var clock = System.Diagnostics.Stopwatch.StartNew();
        // Said before a long backfill (an upgraded archive), not each start for the few customers without a gram.
        if (missing.Count > Batch && logger.IsEnabled(LogLevel.Information)) logger.BackfillingSearchGrams(missing.Count);
        int customers = 0, grams = 0;
        foreach (var chunk in missing.Chunk(Batch))
        {
            var (c, g) = await transactions.RunAsync($"search grams of {chunk.Length} customers", async db =>
            {
                await using var a = await AfterSalesDbContext.OverAsync(db, ct);
                a.ChangeTracker.AutoDetectChangesEnabled = false;
                // Again inside the write: a customer written meanwhile got its grams with its search text.
                var texts = await WithoutGrams(a, a.Customers.Where(c => chunk.Contains(c.Id))).Select(c => new { c.Id, c.Name, c.SearchText })
                    .ToListAsync(ct);
                var rows = texts.SelectMany(t => SearchGrams.Of(t.SearchText).Select(gram => new CustomerSearchGramRecord { Gram = gram, CustomerId = t.Id, Name = t.Name }))
                    .ToList();
                a.SearchGrams.AddRange(rows);
                await a.SaveChangesAsync(ct);
                return (texts.Count(t => SearchGrams.Of(t.SearchText).Count > 0), rows.Count);
            }, ct, TransientErrors.Default | TransientErrors.UniqueKeyRace);
            customers += c;
            grams += g;
        }
        if (grams > 0 && logger.IsEnabled(LogLevel.Information)) logger.BackfilledSearchGrams(grams, customers, clock.Elapsed.TotalSeconds);
        return customers;
    }

    /// <summary>
    /// Gives the grams of <paramref name="customers"/> their customer's name again: grams a node of the previous version
    /// wrote or kept on a rename during a rolling upgrade (it knows no name column) would put a customer out of the
    /// search's name order, and a search could then answer other customers than the scan.
    /// </summary>
    private async Task RenameAsync(List<Guid> customers, CancellationToken ct)
    {
        foreach (var chunk in customers.Chunk(Batch))
            await transactions.RunAsync($"search gram names of {chunk.Length} customers", async db =>
            {
                await using var a = await AfterSalesDbContext.OverAsync(db, ct);
                return await a.SearchGrams.Where(g => chunk.Contains(g.CustomerId))
                    .ExecuteUpdateAsync(s => s.SetProperty(g => g.Name, g => a.Customers.Where(c => c.Id == g.CustomerId).Max(c => c.Name)!), ct);
            }, ct);
        if (logger.IsEnabled(LogLevel.Information)) logger.RenamedSearchGrams(customers.Count);
    }

    // One EXISTS for "<" and one for ">" rather than "<>" (or both in one): SQLite then seeks the (CustomerId, Name) index
    // twice per customer instead of reading all its grams (1.6 s against 2.7 s for 100,000 customers of 40 grams).
    private static IQueryable<CustomerRecord> WithOtherName(AfterSalesDbContext a, IQueryable<CustomerRecord> customers) =>
        customers.AsNoTracking().Where(c => a.SearchGrams.Any(g => g.CustomerId == c.Id && g.Name.CompareTo(c.Name) < 0)
                                            || a.SearchGrams.Any(g => g.CustomerId == c.Id && g.Name.CompareTo(c.Name) > 0));

    private static IQueryable<CustomerRecord> WithoutGrams(AfterSalesDbContext a, IQueryable<CustomerRecord> customers) =>
        customers.AsNoTracking().Where(c => !a.SearchGrams.Any(g => g.CustomerId == c.Id));
}

internal static partial class SearchGramLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Writing the search grams of {Count} customer(s) that have none")]
    public static partial void BackfillingSearchGrams(this ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote {Grams} search gram(s) for {Customers} customer(s) in {Seconds:0.0} s")]
    public static partial void BackfilledSearchGrams(this ILogger logger, int grams, int customers, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gave the search grams of {Count} customer(s) their customer's current name")]
    public static partial void RenamedSearchGrams(this ILogger logger, int count);
}
