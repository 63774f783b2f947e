using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WorkflowService.Engine.Calendars;
using WorkflowService.Engine.Timers;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Scheduling;

/// <summary>
/// After a business calendar is edited, every pending timer (and warning) that counts in it gets
/// its due time computed again from what it was counted from (<see cref="TimerRecord.CountFrom"/>,
/// <see cref="TimerRecord.Span"/>). A due time that is now past fires at once (the breach records
/// the new due time); a timer that already fired stays fired; a paused timer keeps the time it had
/// left and counts it in the new calendar when it resumes. Each row is updated only if no step
/// touched it in the meantime (same status, same count-from), in batches that each take one write
/// turn, so steps go on between batches. The open user tasks whose due date was counted in the calendar
/// (<see cref="TaskRecord.DueCalendar"/>) get theirs counted again likewise, so the inbox shows what the timers enforce.
/// </summary>
public sealed class TimerRecompute(
    WorkflowDbFactory dbFactory,
    TransactionRunner transactions,
    ITimerScheduler scheduler,
    EffectDispatcher dispatcher,
    TimeProvider clock,
    ILogger<TimerRecompute> logger)
{
    public const int BatchSize = 2_000;

    /// <summary>Re-computes the pending timers of <paramref name="calendar"/>; returns how many moved.</summary>
    public async Task<int> RecomputeAsync(WorkingCalendar calendar, CancellationToken ct)
    {
        var name = calendar.Name;
        var moved = 0;
        var earlier = new List<(Guid Id, DateTimeOffset Due)>();
        Guid? after = null;
        while (true)
        {
            List<Row> rows;
            await using (var db = dbFactory.Create())
            {
                var query = db.Timers.AsNoTracking()
                    .Where(t => t.Calendar == name && t.Status == TimerStatus.Pending.Name && t.Span != null && t.CountFrom != null);
                if (after is { } last) query = query.Where(t => t.Id.CompareTo(last) > 0);
                rows = await query.OrderBy(t => t.Id).Take(BatchSize)
                    .Select(t => new Row(t.Id, t.CountFrom!.Value, t.Span!, t.DueAt)).ToListAsync(ct);
            }
            if (rows.Count == 0) break;
            after = rows[^1].Id;

            var changes = Recount(rows, calendar, (id, reason) => logger.RecomputeSkipped(id, name, reason));
            if (changes.Count == 0) continue;

            var applied = await transactions.RunAsync($"re-computing {changes.Count} timers of calendar {name}", async db =>
            {
                var ids = changes.Select(c => c.Row.Id).ToArray();
                // Read again in the write's transaction: on SQLite the write turn keeps every step out until the
                // commit; on PostgreSQL the rows are locked, so another node's step waits rather than being overwritten.
                var current = (db.Database.ProviderName?.Contains("PostgreSQL", StringComparison.Ordinal) == true
                        ? await db.Timers.FromSql($"SELECT * FROM timers WHERE \"Id\" = ANY({ids}) FOR UPDATE").ToListAsync(ct)
                        : await db.Timers.Where(t => ids.Contains(t.Id)).ToListAsync(ct))
                    .ToDictionary(t => t.Id);
                var done = new List<(Row Row, DateTimeOffset Due)>(changes.Count);
                foreach (var (row, due) in changes)
                {
                    // Moved only if no step touched it since it was read: same status, same count-from and span.
                    if (!current.TryGetValue(row.Id, out var timer) || timer.Status != TimerStatus.Pending
                        || timer.CountFrom != row.CountFrom || timer.Span != row.Span)
                        continue;
                    timer.DueAt = due;
                    done.Add((row, due));
                }
                // A step that read these instances' timers before this commit must not write values derived from the
                // old due times: their instances' concurrency token moves, so such a step retries on fresh rows.
                var instances = done.Select(d => current[d.Row.Id].InstanceId).OfType<Guid>().Distinct().ToArray();
                if (instances.Length > 0)
                    await db.Instances.Where(i => instances.Contains(i.Id))
                        .ExecuteUpdateAsync(u => u.SetProperty(i => i.Revision, i => i.Revision + 1), ct);
                await db.SaveChangesAsync(ct);
                return done;
            }, ct);
            moved += applied.Count;
            // A timer due later finds its job early and puts itself off; one due earlier needs a job of its own.
            earlier.AddRange(applied.Where(a => a.Due < a.Row.DueAt).Select(a => (a.Row.Id, a.Due)));
        }

        foreach (var (id, due) in earlier) scheduler.Schedule(id, due);
        var tasks = await RecomputeTaskDuesAsync(calendar, ct);
        var at = clock.GetUtcNow();
        logger.Recomputed(name, moved, earlier.Count, at);
        if (tasks > 0) logger.TaskDuesRecomputed(name, tasks);
        return moved;
    }

    /// <summary>
    /// Counts again the due dates of the open tasks counted in <paramref name="calendar"/>, and their candidate rows' copies
    /// (the inbox's order); returns how many moved. A task a step or a claim changed meanwhile is a conflict on its
    /// revision, and the batch is read again; one closed meanwhile is left as it is.
    /// </summary>
    private async Task<int> RecomputeTaskDuesAsync(WorkingCalendar calendar, CancellationToken ct)
    {
        var name = calendar.Name;
        var moved = 0;
        Guid? after = null;
        while (true)
        {
            List<Row> rows;
            await using (var db = dbFactory.Create())
            {
                string open = UserTaskStatus.Open;
                var query = db.Tasks.AsNoTracking()
                    .Where(t => t.Status == open && t.DueCalendar == name && t.DueSpan != null && t.DueCountFrom != null && t.DueAt != null);
                if (after is { } last) query = query.Where(t => t.Id.CompareTo(last) > 0);
                rows = await query.OrderBy(t => t.Id).Take(BatchSize)
                    .Select(t => new Row(t.Id, t.DueCountFrom!.Value, t.DueSpan!, t.DueAt!.Value)).ToListAsync(ct);
            }
            if (rows.Count == 0) return moved;
            after = rows[^1].Id;

            var changes = Recount(rows, calendar, (id, reason) => logger.TaskDueRecomputeSkipped(id, name, reason))
                .ToDictionary(c => c.Row.Id);
            if (changes.Count == 0) continue;

            var effects = await transactions.RunAsync($"re-computing the due dates of {changes.Count} tasks of calendar {name}", async db =>
            {
                var ids = changes.Keys.ToArray();
                var done = new StepEffects();
                foreach (var task in await db.Tasks.Include(t => t.Candidates).Where(t => ids.Contains(t.Id)).ToListAsync(ct))
                {
                    var (row, due) = changes[task.Id];
                    if (task.Status != UserTaskStatus.Open || task.DueCountFrom != row.CountFrom || task.DueSpan != row.Span) continue;
                    task.DueAt = due;
                    foreach (var candidate in task.Candidates) candidate.DueAt = due;
                    done.Notifications.Add(CommandApplier.Notification(WorkflowNotification.TaskChanged, task));
                }
                await db.SaveChangesAsync(ct);
                return done;
            }, ct);
            // Inboxes open now show the new dates (and order) without a reload.
            await dispatcher.DispatchAsync(effects, ct);
            moved += effects.Notifications.Count;
        }
    }

    /// <summary>
    /// The rows whose span, counted again in <paramref name="calendar"/> from where it was counted, now ends elsewhere, with the
    /// new due time; a row the calendar cannot count (<paramref name="skipped"/>) keeps its time.
    /// </summary>
    private static List<(Row Row, DateTimeOffset Due)> Recount(List<Row> rows, WorkingCalendar calendar, Action<Guid, string> skipped)
    {
        var changes = new List<(Row Row, DateTimeOffset Due)>();
        foreach (var row in rows)
        {
            if (!IsoDuration.TryParse(row.Span, out var span)) continue;
            DateTimeOffset due;
            try
            {
                due = calendar.Add(row.CountFrom, span);
            }
            catch (FormatException ex)
            {
                skipped(row.Id, ex.Message);
                continue;
            }
            if (due != row.DueAt) changes.Add((row, due));
        }
        return changes;
    }

    private sealed record Row(Guid Id, DateTimeOffset CountFrom, string Span, DateTimeOffset DueAt);
}
