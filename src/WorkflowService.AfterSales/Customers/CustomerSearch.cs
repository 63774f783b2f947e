using Microsoft.EntityFrameworkCore;
using WorkflowService.AfterSales.Persistence;

namespace WorkflowService.AfterSales.Customers;

/// <summary>
/// The customer search over the gram table (<see cref="SearchGrams"/>), and the writes that keep that table equal
/// to the customers' search texts. The search text still decides every answer (<c>instr</c>/<c>strpos</c>); the
/// grams only narrow the customers it is tested on, so the answers are the scan's as long as every customer's grams
/// are written with its search text: in the same transaction, by whoever sets it (<see cref="IndexAsync"/>).
/// </summary>
internal static class CustomerSearch
{
    /// <summary>
    /// The customers whose search text holds the needle of <paramref name="query"/>: through the customers of the
    /// needle's rarest gram, or by the scan when the needle has no gram or only common ones (see
    /// <see cref="SearchGrams.CommonGram"/>). Unordered; every customer for a blank query.
    /// </summary>
    public static async Task<IQueryable<CustomerRecord>> MatchingAsync(AfterSalesDbContext a, string? query, CancellationToken ct)
    {
        var customers = a.Customers.AsNoTracking();
        if (SearchGrams.Needle(query) is not { } needle) return customers;
        var matching = customers.Where(c => c.SearchText.Contains(needle));
        if (await RarestAsync(a, needle, ct) is not { } rarest) return matching;
        var holders = a.SearchGrams.Where(g => g.Gram == rarest).Select(g => g.CustomerId);
        return matching.Where(c => holders.Contains(c.Id));
    }

    /// <summary>
    /// The first <paramref name="limit"/> customers by name that <see cref="MatchingAsync"/> finds. Through a gram, its
    /// customers are read in name order off the (Gram, Name, CustomerId) index and the read ends at the
    /// <paramref name="limit"/>th match: a gram thousands hold costs the customers read before the limit is reached,
    /// not all of them and a sort. The scan reads the customers' name index in order, as it always did.
    /// </summary>
    public static async Task<IQueryable<CustomerRecord>> FirstAsync(AfterSalesDbContext a, string? query, int limit, CancellationToken ct)
    {
        var customers = a.Customers.AsNoTracking();
        var needle = SearchGrams.Needle(query);
        var matching = needle is null ? customers : customers.Where(c => c.SearchText.Contains(needle));
        if (needle is null || await RarestAsync(a, needle, ct) is not { } rarest) return matching.OrderBy(c => c.Name).Take(limit);
        return a.SearchGrams.Where(g => g.Gram == rarest)
            .Join(matching, g => g.CustomerId, c => c.Id, (g, c) => new { g.Name, g.CustomerId, Customer = c })
            .OrderBy(x => x.Name).ThenBy(x => x.CustomerId).Take(limit).Select(x => x.Customer);
    }

    /// <summary>The gram of <paramref name="needle"/> held by the fewest customers, or null when the scan answers (see <see cref="SearchGrams.Rarest"/>).</summary>
    private static async Task<string?> RarestAsync(AfterSalesDbContext a, string needle, CancellationToken ct)
    {
        var counts = new List<(string, int)>();
        foreach (var gram in SearchGrams.OfNeedle(needle).Order(StringComparer.Ordinal))
        {
            // Bounded: a gram nearly everyone holds ("公司") is counted only as far as telling it is common. Ordered as
            // the primary key is, so the limit reads one range of it (and EF Core does not warn of a limit without order).
            var held = await a.SearchGrams.Where(g => g.Gram == gram).OrderBy(g => g.CustomerId).Take(SearchGrams.CommonGram + 1)
                .CountAsync(ct);
            counts.Add((gram, held));
            if (held == 0) break; // no customer holds it, so none matches: reading its (empty) list answers at once
        }
        return SearchGrams.Rarest(counts);
    }

    /// <summary>
    /// Brings the grams of <paramref name="customers"/> (tracked, their search text set) to their search texts: adds
    /// what is new and removes what is gone, saved with the caller's next <c>SaveChanges</c>, in its transaction.
    /// </summary>
    public static async Task IndexAsync(AfterSalesDbContext a, IReadOnlyCollection<CustomerRecord> customers, CancellationToken ct)
    {
        var ids = customers.Select(c => c.Id).ToList();
        var existing = (await a.SearchGrams.Where(g => ids.Contains(g.CustomerId)).ToListAsync(ct)).ToLookup(g => g.CustomerId);
        foreach (var customer in customers)
        {
            var wanted = SearchGrams.Of(customer.SearchText);
            var held = existing[customer.Id].ToList();
            a.SearchGrams.RemoveRange(held.Where(g => !wanted.Contains(g.Gram)));
            // A renamed customer's kept grams take the new name: the search reads a gram's customers in that order.
            foreach (var gram in held) gram.Name = customer.Name;
            var kept = held.Select(g => g.Gram).ToHashSet(StringComparer.Ordinal);
            a.SearchGrams.AddRange(wanted.Where(g => !kept.Contains(g)).Select(g => Row(g, customer)));
        }
    }

    /// <summary>The grams of a customer just added (nothing to compare with).</summary>
    public static void IndexNew(AfterSalesDbContext a, CustomerRecord customer) =>
        a.SearchGrams.AddRange(SearchGrams.Of(customer.SearchText).Select(g => Row(g, customer)));

    private static CustomerSearchGramRecord Row(string gram, CustomerRecord customer) =>
        new() { Gram = gram, CustomerId = customer.Id, Name = customer.Name };
}
