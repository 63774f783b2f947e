using Microsoft.EntityFrameworkCore;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Instances;

/// <summary>
/// Which breaches a list shows. <see cref="From"/>/<see cref="To"/> bound the instant a breach was detected ([from, to),
/// the period a report counts it in); <see cref="Person"/> is the user charged, and <see cref="NoOne"/> asks for the
/// breaches charged to nobody.
/// </summary>
public sealed record BreachFilter(Guid? InstanceId = null, string? Rule = null, DateTimeOffset? From = null, DateTimeOffset? To = null,
    string? Person = null)
{
    /// <summary>The person filter that lists the breaches charged to no one (shown as "—" beside a breach).</summary>
    public const string NoOne = "—";
}

/// <summary>The breaches list (page, API, workbook, a report's drill-down): the filter applied in the database, newest first.</summary>
public sealed class BreachList(WorkflowDbFactory dbFactory)
{
    public async Task<IReadOnlyList<BreachView>> ListAsync(BreachFilter filter, int skip, int take, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        return await Where(db, filter).OrderByDescending(b => b.Id).Skip(Math.Max(0, skip)).Take(Math.Max(1, take))
            .Select(BreachView.FromRow).ToListAsync(ct);
    }

    public async Task<int> CountAsync(BreachFilter filter, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        return await Where(db, filter).CountAsync(ct);
    }

    private static IQueryable<BreachRecord> Where(WorkflowDbContext db, BreachFilter filter)
    {
        var query = db.Breaches.AsNoTracking();
        if (filter.InstanceId is { } i) query = query.Where(b => b.InstanceId == i);
        if (filter.Rule is { Length: > 0 } rule) query = query.Where(b => b.Rule == rule);
        if (filter.From is { } from) query = query.Where(b => b.DetectedAt >= from);
        if (filter.To is { } to) query = query.Where(b => b.DetectedAt < to);
        if (filter.Person == BreachFilter.NoOne) query = query.Where(b => b.Responsible == null || b.Responsible == "");
        else if (filter.Person is { Length: > 0 } person) query = query.Where(b => b.Responsible == person);
        return query;
    }
}
