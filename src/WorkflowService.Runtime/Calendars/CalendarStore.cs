using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowService.Engine.Calendars;
using WorkflowService.Runtime.Configuration;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Calendars;

/// <summary>A calendar as stored, with its version (to send back when replacing it) and its last change.</summary>
public sealed record StoredCalendar(string Name, CalendarDefinition Definition, int Version, DateTimeOffset UpdatedAt, string UpdatedBy);

/// <summary>
/// The calendars in the database, and the engine's <see cref="ICalendarSource"/>. Steps find a
/// calendar in a copy held in memory (no I/O on a step's path): a save on this node replaces the
/// copy at once; a copy older than <see cref="CalendarsOptions.RefreshInterval"/> (another node may
/// have saved) is re-read in the background while the step goes on with the copy it has, so a
/// step never waits for the database because of a calendar, and a node sees another's save within
/// about the interval.
/// </summary>
public sealed class CalendarStore(
    WorkflowDbFactory dbFactory,
    TransactionRunner transactions,
    TimeProvider clock,
    IOptions<AppOptions> app,
    IOptions<CalendarsOptions> options,
    IEnumerable<ICalendarChangeListener> listeners,
    ILogger<CalendarStore> logger) : ICalendarSource
{
    /// <param name="Read">Which read built it: a read that began later replaces it, an older one never does.</param>
    private sealed record Snapshot(FrozenDictionary<string, WorkingCalendar> ByName, DateTimeOffset ReadAt, long Read = 0);

    private readonly Lock _firstRead = new();
    private volatile Snapshot? _snapshot;
    private int _refreshing;
    private long _reads;

    /// <summary>The zone of a calendar that names none (<c>App:TimeZone</c>).</summary>
    public string FallbackTimeZone => app.Value.TimeZone;

    public WorkingCalendar? Find(string name) => Current().ByName.GetValueOrDefault(name);

    /// <exception cref="NotFoundException">No calendar has that name.</exception>
    public WorkingCalendar Require(string name) => Find(name) ?? throw NoSuchCalendar(name);

    /// <summary>Re-reads every calendar now (start-up, tests).</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        // Numbered before reading: a background refresh that read before a save committed must not replace the
        // copy the save's own refresh built after it (the node would count in the old calendar again).
        var read = Interlocked.Increment(ref _reads);
        await using var db = dbFactory.Create();
        var rows = await db.Set<CalendarRecord>().AsNoTracking().ToListAsync(ct);
        Install(Build(rows) with { Read = read });
    }

    private void Install(Snapshot fresh)
    {
        lock (_firstRead)
        {
            if (_snapshot is null || _snapshot.Read <= fresh.Read) _snapshot = fresh;
        }
    }

    public async Task<IReadOnlyList<StoredCalendar>> ListAsync(CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        var rows = await db.Set<CalendarRecord>().AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct);
        return [.. rows.Select(Stored)];
    }

    /// <exception cref="NotFoundException">No calendar has that name.</exception>
    public async Task<StoredCalendar> GetAsync(string name, CancellationToken ct) =>
        await FindStoredAsync(name, ct) ?? throw NoSuchCalendar(name);

    public async Task<StoredCalendar?> FindStoredAsync(string name, CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        var row = await db.Set<CalendarRecord>().AsNoTracking().SingleOrDefaultAsync(c => c.Name == name, ct);
        return row is null ? null : Stored(row);
    }

    /// <summary>
    /// Creates or replaces a calendar, audited, and tells the <see cref="ICalendarChangeListener"/>s
    /// once committed. Replacing needs the version the editor read; creating needs none (or 0).
    /// </summary>
    /// <exception cref="ValidationException">The name or the definition is not valid: every problem.</exception>
    /// <exception cref="ConflictException">The calendar changed since <paramref name="expectedVersion"/>, or exists when it was to be created.</exception>
    public async Task<StoredCalendar> SaveAsync(string actor, CalendarDefinition definition, int? expectedVersion, CancellationToken ct)
    {
        Validate(definition);
        var json = CalendarText.Write(definition);
        var saved = await transactions.RunAsync($"calendar {definition.Name}", async db =>
        {
            var row = await db.Set<CalendarRecord>().SingleOrDefaultAsync(c => c.Name == definition.Name, ct);
            var now = clock.GetUtcNow();
            if (row is null)
            {
                if (expectedVersion is > 0)
                    throw new ConflictException($"Calendar '{definition.Name}' no longer exists (version {expectedVersion} was edited)")
                        { Code = "calendar-gone" };
                row = new CalendarRecord { Name = definition.Name, Definition = json, Version = 1, UpdatedAt = now, UpdatedBy = actor };
                db.Add(row);
                Audit(db, actor, CalendarAuditActions.Created, definition, null, now);
            }
            else
            {
                if (expectedVersion is null or 0)
                    throw new ConflictException($"Calendar '{definition.Name}' exists (version {row.Version}): send its version to replace it")
                        { Code = "calendar-exists" };
                if (expectedVersion != row.Version)
                    throw new ConflictException(
                        $"Calendar '{definition.Name}' was changed by {row.UpdatedBy} (version {row.Version}, not {expectedVersion}): reload it and edit again")
                        { Code = "calendar-changed", Argument = row.UpdatedBy };
                var before = row.Definition;
                row.Definition = json;
                row.Version++;
                row.UpdatedAt = now;
                row.UpdatedBy = actor;
                Audit(db, actor, CalendarAuditActions.Replaced, definition, before, now);
            }
            await db.SaveChangesAsync(ct);
            return Stored(row);
        }, ct, TransientErrors.Default | TransientErrors.UniqueKeyRace);

        logger.CalendarSaved(actor, saved.Name, saved.Version);
        await RefreshAsync(ct);
        var change = new CalendarChanged(saved.Name, saved.Version, saved.Definition, actor);
        foreach (var listener in listeners)
        {
            try
            {
                await listener.CalendarChangedAsync(change, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.ListenerFailed(e, saved.Name);
            }
        }
        return saved;
    }

    /// <summary>Stores <paramref name="definition"/> unless a calendar of its name exists (start-up seeding; two nodes may race).</summary>
    internal async Task<bool> SeedAsync(CalendarDefinition definition, CancellationToken ct)
    {
        Validate(definition);
        var created = await transactions.RunAsync($"calendar {definition.Name}", async db =>
        {
            if (await db.Set<CalendarRecord>().AnyAsync(c => c.Name == definition.Name, ct)) return false;
            var now = clock.GetUtcNow();
            db.Add(new CalendarRecord
            {
                Name = definition.Name, Definition = CalendarText.Write(definition), Version = 1, UpdatedAt = now, UpdatedBy = SystemActor,
            });
            Audit(db, SystemActor, CalendarAuditActions.Seeded, definition, null, now);
            await db.SaveChangesAsync(ct);
            return true;
        }, ct, TransientErrors.Default | TransientErrors.UniqueKeyRace);
        await RefreshAsync(ct);
        return created;
    }

    public const string SystemActor = "system";

    private void Validate(CalendarDefinition definition)
    {
        List<ValidationError> errors = [];
        if (!CalendarNames.IsValid(definition.Name))
            errors.Add(new ValidationError($"'{definition.Name}' is not a calendar name ({CalendarNames.Rule})", "name", "format",
                Argument: definition.Name));
        errors.AddRange(WorkingCalendar.Check(definition, FallbackTimeZone)
            .Select(p => new ValidationError(p.ToString(), p.Path, p.Code, Argument: p.Argument)));
        if (errors.Count > 0)
            throw new ValidationException($"Calendar '{definition.Name}' is not valid: {string.Join("; ", errors.Select(e => e.Message))}", errors);
    }

    /// <param name="before">The stored JSON replaced, or null for a new calendar.</param>
    private static void Audit(WorkflowDbContext db, string actor, string action, CalendarDefinition definition, string? before, DateTimeOffset at) =>
        db.Audit.Add(new AuditRecord
        {
            At = at, Actor = actor, Action = action, Target = $"calendar:{definition.Name}",
            Details = CalendarChangeSummary.Of(before is null ? null : CalendarText.Parse(before, definition.Name), definition),
        });

    private Snapshot Current()
    {
        var snapshot = _snapshot;
        if (snapshot is null)
        {
            // Only before start-up has read the calendars (a test that asks at once): read them here, once.
            lock (_firstRead)
            {
                if (_snapshot is null)
                {
                    using var db = dbFactory.Create();
                    _snapshot = Build([.. db.Set<CalendarRecord>().AsNoTracking()]);
                }
                return _snapshot;
            }
        }
        if (clock.GetUtcNow() - snapshot.ReadAt >= options.Value.RefreshInterval && Interlocked.CompareExchange(ref _refreshing, 1, 0) == 0)
            _ = Task.Run(async () =>
            {
                try
                {
                    await RefreshAsync(CancellationToken.None);
                }
                catch (Exception e)
                {
                    logger.RefreshFailed(e, snapshot.ReadAt);
                    // Tried again at the next interval, not at every step meanwhile (unless a newer copy came meanwhile).
                    lock (_firstRead)
                    {
                        if (ReferenceEquals(_snapshot, snapshot)) _snapshot = snapshot with { ReadAt = clock.GetUtcNow() };
                    }
                }
                finally
                {
                    Volatile.Write(ref _refreshing, 0);
                }
            });
        return snapshot;
    }

    private Snapshot Build(IEnumerable<CalendarRecord> rows)
    {
        var calendars = new Dictionary<string, WorkingCalendar>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            try
            {
                calendars[row.Name] = WorkingCalendar.Create(CalendarText.Parse(row.Definition, row.Name), FallbackTimeZone);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or TimeZoneNotFoundException)
            {
                // E.g. a zone this machine's time-zone data lacks: the calendar is missing here, not the whole service.
                logger.CalendarUnusable(row.Name, e.Message);
            }
        }
        return new Snapshot(calendars.ToFrozenDictionary(StringComparer.Ordinal), clock.GetUtcNow());
    }

    private static StoredCalendar Stored(CalendarRecord row) =>
        new(row.Name, CalendarText.Parse(row.Definition, row.Name), row.Version, row.UpdatedAt, row.UpdatedBy);

    private static NotFoundException NoSuchCalendar(string name) => new($"No calendar is called '{name}'");
}

/// <summary>The audit log's actions on calendars (target <c>calendar:name</c>).</summary>
public static class CalendarAuditActions
{
    public const string Created = "calendar.created";
    public const string Replaced = "calendar.replaced";
    public const string Seeded = "calendar.seeded";
}
