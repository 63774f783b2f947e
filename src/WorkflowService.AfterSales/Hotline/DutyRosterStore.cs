using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using WorkflowService.AfterSales.Persistence;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.AfterSales.Hotline;

/// <summary>Reads and replaces the hotline's duty roster (one roster, <see cref="DefaultName"/>).</summary>
public sealed class DutyRosterStore(WorkflowDbFactory dbFactory, TransactionRunner transactions, TimeProvider clock)
{
    public const string DefaultName = "default";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private sealed record ShiftsDocument(List<WeeklyShift> Weekly, List<DatedShift> Changes);

    /// <summary>The roster, or <see cref="DutyRoster.Empty"/> when none was ever saved.</summary>
    public async Task<DutyRoster> GetAsync(CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        await using var a = await AfterSalesDbContext.OverAsync(db, ct);
        var record = await a.DutyRosters.AsNoTracking().SingleOrDefaultAsync(r => r.Name == DefaultName, ct);
        return record is null ? DutyRoster.Empty : ToRoster(record);
    }

    /// <summary>Replaces the roster; <see cref="DutyRoster.Revision"/> must be the one read.</summary>
    /// <exception cref="ValidationException">A shift or the mobile is not valid.</exception>
    /// <exception cref="ConflictException">Someone else saved the roster since it was read.</exception>
    public async Task<DutyRoster> SaveAsync(DutyRoster roster, string by, CancellationToken ct = default)
    {
        var errors = DutyRosterRules.Check(roster);
        if (errors.Count > 0) throw new ValidationException($"The duty roster was not saved: {string.Join("; ", errors.Select(e => e.Message))}", errors);
        await ThrowIfNotStaffAsync(roster, ct);
        var normalized = DutyRosterRules.Normalized(roster);
        var shifts = JsonSerializer.Serialize(new ShiftsDocument([.. normalized.Weekly], [.. normalized.Changes]), Json);
        var now = clock.GetUtcNow();
        DutyRosterRecord? saved = null;
        await transactions.RunAsync("duty roster", async db =>
        {
            await using var a = await AfterSalesDbContext.OverAsync(db, ct);
            var record = await a.DutyRosters.SingleOrDefaultAsync(r => r.Name == DefaultName, ct);
            if ((record?.Revision ?? 0) != roster.Revision)
                throw new ConflictException($"The duty roster was changed by {record?.UpdatedBy ?? "someone else"} meanwhile: reload it and make the change again")
                    { Code = record is null ? null : "roster-changed", Argument = record?.UpdatedBy };
            if (record is null)
            {
                record = new DutyRosterRecord { Name = DefaultName, Shifts = shifts };
                a.DutyRosters.Add(record);
            }
            record.Shifts = shifts;
            record.ForwardingMobile = normalized.ForwardingMobile;
            record.Revision = roster.Revision + 1;
            record.UpdatedBy = by;
            record.UpdatedAt = now;
            await a.SaveChangesAsync(ct);
            saved = record;
        }, ct);
        return ToRoster(saved!);
    }

    /// <summary>A name that is nobody (a typo) or someone disabled would leave a call ringing for no one: refused.</summary>
    private async Task ThrowIfNotStaffAsync(DutyRoster roster, CancellationToken ct)
    {
        var weekly = (roster.Weekly ?? []).Select(s => Trimmed(s.Agents)).ToList();
        var changes = (roster.Changes ?? []).Select(c => Trimmed(c.Agents)).ToList();
        var names = weekly.Concat(changes).SelectMany(a => a).Distinct(StringComparer.Ordinal).ToList();
        if (names.Count == 0) return;
        var enabled = await EnabledAsync(names, ct);
        var errors = weekly.SelectMany((agents, i) => agents.Where(a => !enabled.Contains(a)).Select(a => ($"weekly[{i}].agents", a)))
            .Concat(changes.SelectMany((agents, i) => agents.Where(a => !enabled.Contains(a)).Select(a => ($"changes[{i}].agents", a))))
            .DistinctBy(e => e.a)
            .Select(e => new ValidationError($"{e.Item1}: '{e.a}' is not an enabled member of staff", e.Item1, "unknown", Argument: e.a))
            .ToList();
        if (errors.Count > 0) throw new ValidationException($"The duty roster was not saved: {string.Join("; ", errors.Select(e => e.Message))}", errors);
    }

    /// <summary>Which of <paramref name="names"/> are enabled members of staff.</summary>
    public async Task<IReadOnlySet<string>> EnabledAsync(IReadOnlyCollection<string> names, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        return (await db.Users.AsNoTracking().Where(u => names.Contains(u.UserName!) && !u.Disabled).Select(u => u.UserName!).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
    }

    private static IEnumerable<string> Trimmed(IReadOnlyList<string>? agents) => (agents ?? []).Select(a => a.Trim());

    private static DutyRoster ToRoster(DutyRosterRecord record)
    {
        var doc = JsonSerializer.Deserialize<ShiftsDocument>(record.Shifts, Json) ?? new ShiftsDocument([], []);
        return new DutyRoster(doc.Weekly ?? [], doc.Changes ?? [], record.ForwardingMobile, record.Revision, record.UpdatedBy, record.UpdatedAt);
    }
}
