using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using WorkflowService.AfterSales.Customers;
using WorkflowService.AfterSales.Persistence;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Benchmarks.Records;

/// <summary>
/// A prototype of the fix this benchmark proposes for the customer search, measured beside it in the same run: an
/// n-gram table over each customer's search text (two-character grams of names, three-digit grams of phone numbers),
/// so that a search reads the customers holding the fragment's grams instead of scanning every search text. Built
/// here with plain SQL after the load; in the service it would be an AfterSales table kept with the customer.
/// A fragment whose rarest gram is common (or that is too short to have a gram) is answered by the scan, which
/// finds 50 matches in name order quickly precisely because they are common.
/// </summary>
internal sealed class GramSearch(WorkflowDbFactory dbFactory, TransactionRunner transactions)
{
    /// <summary>
    /// Above this many customers holding a gram, the name-ordered scan stops sooner than the gram list is sorted. Not
    /// lower: a city's name is held by a twentieth of the customers, all next to each other in name order, which the
    /// scan may reach only near the end (a first run with 2,000 here left the name searches' p99 at 381 ms).
    /// </summary>
    private const int CommonGram = 20_000;

    public static IEnumerable<string> Grams(string searchText) => searchText.Split('|').SelectMany(SegmentGrams).Distinct();

    private static IEnumerable<string> SegmentGrams(string segment)
    {
        var size = segment.All(char.IsAsciiDigit) ? 3 : 2;
        for (var i = 0; i + size <= segment.Length; i++) yield return segment.Substring(i, size);
    }

    /// <summary>The needle the search compares, as <see cref="CustomerArchive"/> makes it.</summary>
    public static string Needle(string query)
    {
        var q = query.Trim();
        var digits = CustomerRules.Digits(q);
        return digits.Length >= 3 && q.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '+' or '(' or ')') ? digits : q.ToLowerInvariant();
    }

    public async Task<TimeSpan> BuildAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var texts = new List<(string Id, string Text)>();
        await using (var db = dbFactory.Create())
        {
            await db.Database.OpenConnectionAsync();
            await using var read = db.Database.GetDbConnection().CreateCommand();
            read.CommandText = "SELECT Id, SearchText FROM customers";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync()) texts.Add((reader.GetString(0), reader.GetString(1)));
        }
        await transactions.RunAsync("bench gram table", async db => await db.Database.ExecuteSqlRawAsync(
            "CREATE TABLE bench_search_grams (gram TEXT NOT NULL, customer_id TEXT NOT NULL, PRIMARY KEY (gram, customer_id)) WITHOUT ROWID"),
            CancellationToken.None);
        foreach (var chunk in texts.Chunk(5_000))
            await transactions.RunAsync("bench grams", async db =>
            {
                await db.Database.OpenConnectionAsync();
                await using var insert = db.Database.GetDbConnection().CreateCommand();
                insert.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                insert.CommandText = "INSERT OR IGNORE INTO bench_search_grams (gram, customer_id) VALUES ($g, $c)";
                var gram = Add(insert, "$g");
                var customer = Add(insert, "$c");
                foreach (var (id, text) in chunk)
                foreach (var g in Grams(text))
                {
                    gram.Value = g;
                    customer.Value = id;
                    await insert.ExecuteNonQueryAsync();
                }
            }, CancellationToken.None);
        await transactions.RunAsync("bench analyze", async db => await db.Database.ExecuteSqlRawAsync("ANALYZE"), CancellationToken.None);
        return clock.Elapsed;
    }

    /// <summary>What <see cref="CustomerArchive.SearchAsync"/> reads (customers in name order, then their contacts), through the grams: the names found.</summary>
    public async Task<List<string>> SearchAsync(string query)
    {
        var needle = Needle(query);
        await using var db = dbFactory.Create();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        var grams = SegmentGrams(needle).Distinct().ToList();
        var rarest = (string?)null;
        var fewest = long.MaxValue;
        foreach (var gram in grams)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT count(*) FROM (SELECT 1 FROM bench_search_grams WHERE gram = $g LIMIT {CommonGram + 1})";
            Add(count, "$g").Value = gram;
            var n = (long)(await count.ExecuteScalarAsync())!;
            if (n < fewest) (rarest, fewest) = (gram, n);
        }
        await using var find = connection.CreateCommand();
        find.CommandText = rarest is null || fewest > CommonGram
            ? "SELECT Id, Name FROM customers WHERE instr(SearchText, $n) > 0 ORDER BY Name LIMIT 50"
            : "SELECT Id, Name FROM customers WHERE Id IN (SELECT customer_id FROM bench_search_grams WHERE gram = $g) " +
              "AND instr(SearchText, $n) > 0 ORDER BY Name LIMIT 50";
        Add(find, "$n").Value = needle;
        Add(find, "$g").Value = rarest ?? "";
        var ids = new List<string>();
        var names = new List<string>();
        await using (var reader = await find.ExecuteReaderAsync())
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetString(0));
                names.Add(reader.GetString(1));
            }
        await using var a = await AfterSalesDbContext.OverAsync(db, CancellationToken.None);
        var guids = ids.Select(Guid.Parse).ToList();
        await a.Contacts.AsNoTracking().Where(c => guids.Contains(c.CustomerId)).OrderBy(c => c.Position).ToListAsync();
        return names;
    }

    private static DbParameter Add(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
