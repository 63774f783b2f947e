using Microsoft.EntityFrameworkCore;
using WorkflowService.AfterSales.Persistence;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.AfterSales.Reports.Kpis;

/// <summary>How many work orders of a type were received on one of the department's days.</summary>
public sealed record DailyRequests(DateOnly Day, string Type, int Count);

/// <summary>
/// The requests of a period by type and day (the dashboard's volume chart): work orders counted by <c>ReceivedAt</c>,
/// as the KPIs' <see cref="KpiFigures.Requests"/> counts them, so the chart adds up to that number.
/// </summary>
public sealed class RequestVolume(WorkflowDbFactory dbFactory, DepartmentDay days)
{
    /// <summary>Days and types with no request are left out; ordered by day, then type.</summary>
    public async Task<IReadOnlyList<DailyRequests>> ByDayAsync(KpiPeriod period, CancellationToken ct = default)
    {
        var (from, to) = (period.From, period.To);
        await using var db = dbFactory.Create();
        await using var a = await AfterSalesDbContext.OverAsync(db, ct);
        // Only two columns per order; the day is the department's, which neither SQLite nor a UTC column can group by.
        var received = await a.Orders.AsNoTracking().Where(o => o.ReceivedAt >= from && o.ReceivedAt < to)
            .Select(o => new { o.ReceivedAt, o.Type }).ToListAsync(ct);
        return received.GroupBy(o => (Day: days.Of(o.ReceivedAt), o.Type))
            .Select(g => new DailyRequests(g.Key.Day, g.Key.Type, g.Count()))
            .OrderBy(d => d.Day).ThenBy(d => d.Type, StringComparer.Ordinal).ToList();
    }
}
