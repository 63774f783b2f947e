using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Milestones;

/// <summary>
/// Builds milestone rows from what was recorded before they were kept: the history (the first normal leaving of one of
/// a milestone's elements), the breaches (of its rule) and the saved state (its variable, as it is now). At start-up
/// (<see cref="WorkflowStartup"/>) for each registered milestone that has no row yet — a database from before the
/// milestone, or a milestone newly registered —, and on request for one instance (<see cref="RebuildAsync"/>), e.g.
/// after rows were repaired by hand. Written in chunks, each in its own write turn, skipping instances that have the row.
/// </summary>
public sealed partial class MilestoneBuilder(WorkflowDbFactory dbFactory, TransactionRunner transactions, MilestoneRegistry registry,
    ILogger<MilestoneBuilder> logger)
{
    private const int Batch = 1_000;

    /// <summary>Builds every registered milestone that has no row at all; answers the number of rows written.</summary>
    public async Task<int> BackfillAsync(CancellationToken ct = default)
    {
        var written = 0;
        foreach (var definition in registry.All)
        {
            await using (var db = dbFactory.Create())
                if (await db.Milestones.AnyAsync(m => m.Name == definition.Name, ct)) continue;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var rows = await BuildAsync(definition, null, ct);
            written += rows;
            if (rows > 0) LogBackfilled(logger, definition.Name, rows, clock.Elapsed.TotalSeconds);
        }
        return written;
    }

    /// <summary>Drops one instance's milestones and builds them again from its history, breaches and state.</summary>
    public async Task RebuildAsync(Guid instanceId, CancellationToken ct = default)
    {
        await transactions.RunAsync($"milestones of {instanceId}", db =>
            db.Milestones.Where(m => m.InstanceId == instanceId).ExecuteDeleteAsync(ct), ct);
        foreach (var definition in registry.All) await BuildAsync(definition, instanceId, ct);
    }

    private async Task<int> BuildAsync(MilestoneDefinition definition, Guid? instanceId, CancellationToken ct)
    {
        List<(Guid InstanceId, string DefinitionKey, string ElementId, DateTimeOffset At)> firsts;
        await using (var db = dbFactory.Create())
        {
            var elementIds = definition.Elements.Select(e => e.ElementId).Distinct().ToList();
            string left = HistoryEvent.Left;
            var history = db.History.AsNoTracking().Where(h => h.Event == left && elementIds.Contains(h.ElementId));
            if (instanceId is { } only) history = history.Where(h => h.InstanceId == only);
            var rows = await history.Join(db.Instances.AsNoTracking(), h => h.InstanceId, i => i.Id,
                    (h, i) => new { h.InstanceId, i.DefinitionKey, h.ElementId, h.At, h.Id })
                .ToListAsync(ct);
            var pairs = definition.Elements.ToHashSet();
            firsts = [.. rows.Where(r => pairs.Contains((r.DefinitionKey, r.ElementId)))
                .GroupBy(r => r.InstanceId)
                .Select(g => g.OrderBy(r => r.At).ThenBy(r => r.Id).First())
                .Select(r => (r.InstanceId, r.DefinitionKey, r.ElementId, r.At))];
        }

        var written = 0;
        foreach (var chunk in firsts.Chunk(Batch))
            written += await transactions.RunAsync($"milestone {definition.Name} of {chunk.Length} instances", async db =>
            {
                var ids = chunk.Select(c => c.InstanceId).ToList();
                // Again inside the write: a step may have reached the milestone meanwhile.
                var known = (await db.Milestones.AsNoTracking().Where(m => m.Name == definition.Name && ids.Contains(m.InstanceId))
                    .Select(m => m.InstanceId).ToListAsync(ct)).ToHashSet();
                var breached = definition.Rule is { } rule
                    ? (await db.Breaches.AsNoTracking().Where(b => b.Rule == rule && ids.Contains(b.InstanceId)).Select(b => b.InstanceId)
                        .ToListAsync(ct)).ToHashSet()
                    : [];
                var values = definition.Variable is { } variable
                    ? (await StateVariables.Of(db, variable).Where(v => ids.Contains(v.Id)).ToListAsync(ct))
                        .Where(v => v.Value is not null).ToDictionary(v => v.Id, v => v.Value!)
                    : [];
                var added = 0;
                foreach (var first in chunk)
                {
                    if (known.Contains(first.InstanceId)) continue;
                    JsonElement? value = values.TryGetValue(first.InstanceId, out var text) ? JsonDocument.Parse(text).RootElement.Clone() : null;
                    db.Milestones.Add(MilestoneWriter.Record(first.InstanceId, definition, first.DefinitionKey, first.ElementId, first.At,
                        breached.Contains(first.InstanceId), value));
                    added++;
                }
                await db.SaveChangesAsync(ct);
                return added;
            }, ct, TransientErrors.Default | TransientErrors.UniqueKeyRace);
        return written;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Milestone {Name}: {Rows} rows built from the history in {Seconds:0.0} s")]
    private static partial void LogBackfilled(ILogger logger, string name, int rows, double seconds);
}
