using Microsoft.EntityFrameworkCore;

namespace WorkflowService.Runtime.Instances;

/// <summary>
/// The rows of one kind a step may touch for its instance (its open tasks, pending timers...):
/// read once, the first time a command needs them, and looked up in memory after, so a step of
/// many commands makes one query per kind instead of one per command. The lookups see what the
/// step has done: rows it added, rows it removed, statuses it changed (the rows are the tracked
/// ones, so a change made before the read, e.g. by the step's preparation, is kept).
/// </summary>
public sealed class StepRows<T> where T : class
{
    private readonly DbSet<T> _set;
    private readonly Func<CancellationToken, Task>? _load;
    private readonly Func<T, bool> _ofInstance;
    private List<T>? _rows;

    /// <param name="load">Reads the rows into the context (run only when first needed: most steps touch few kinds), a superset of those the step may
    /// look up; null when there can be none in the database yet (an instance being started).</param>
    /// <param name="ofInstance">Which tracked rows belong to the step's instance.</param>
    internal StepRows(DbSet<T> set, Func<CancellationToken, Task>? load, Func<T, bool> ofInstance)
    {
        _set = set;
        _load = load;
        _ofInstance = ofInstance;
    }

    /// <summary>
    /// The step has not read the rows and there may be some in the database: a change to all of them can be made there by
    /// one statement instead of a read and a write per row, with <see cref="Held"/> changed alike.
    /// </summary>
    public bool Unread => _rows is null && _load is not null;

    /// <summary>The instance's rows the context holds without reading (added by the step, or read by its preparation).</summary>
    public IEnumerable<T> Held => _set.Local.Where(_ofInstance);

    /// <summary>The instance's rows matching <paramref name="match"/>, as the step leaves them so far.</summary>
    public async ValueTask<List<T>> WhereAsync(Func<T, bool> match, CancellationToken ct)
    {
        if (_rows is null)
        {
            if (_load is not null) await _load(ct);
            // Local holds the rows just read and those added before, not those removed.
            _rows = _set.Local.Where(_ofInstance).ToList();
        }
        return _rows.Where(match).ToList();
    }

    public void Add(T row)
    {
        _set.Add(row);
        _rows?.Add(row);
    }

    public void Remove(T row)
    {
        _set.Remove(row);
        _rows?.Remove(row);
    }
}
