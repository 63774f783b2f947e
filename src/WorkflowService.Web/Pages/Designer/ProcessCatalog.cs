using Microsoft.EntityFrameworkCore;
using WorkflowService.Engine.Execution;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Web.Pages.Designer;

public sealed record ProcessVersionRow(int Version, string? Name, string PublishedBy, DateTimeOffset PublishedAt, int RunningInstances);

public sealed record DraftInfo(string SavedBy, DateTimeOffset SavedAt);

/// <summary>A process as the designer lists it: its versions, newest first, and the draft if one is open.</summary>
public sealed record ProcessRow(string Key, IReadOnlyList<ProcessVersionRow> Versions, DraftInfo? Draft)
{
    public ProcessVersionRow? Latest => Versions.Count > 0 ? Versions[0] : null;
    public string? Name => Latest?.Name;
}

/// <summary>
/// Read side of the designer list: every published process with its versions and running
/// instance counts, plus drafts of processes never published. The XML is not loaded: a list of
/// many versions stays cheap.
/// </summary>
public sealed class ProcessCatalog(WorkflowDbFactory dbFactory)
{
    public async Task<IReadOnlyList<ProcessRow>> ListAsync(CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        var versions = await db.Definitions.AsNoTracking()
            .Select(d => new { d.Id, d.Key, d.Version, d.Name, d.PublishedBy, d.PublishedAt })
            .ToListAsync(ct);
        var running = await db.Instances.AsNoTracking()
            .Where(i => i.Status == InstanceStatus.Running.Name)
            .GroupBy(i => i.DefinitionId)
            .Select(g => new { DefinitionId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(r => r.DefinitionId, r => r.Count, ct);
        var drafts = await db.Drafts.AsNoTracking()
            .Select(d => new { d.Key, d.SavedBy, d.SavedAt })
            .ToDictionaryAsync(d => d.Key, d => new DraftInfo(d.SavedBy, d.SavedAt), StringComparer.Ordinal, ct);

        var published = versions.GroupBy(v => v.Key, StringComparer.Ordinal)
            .Select(g => new ProcessRow(g.Key,
                [.. g.OrderByDescending(v => v.Version)
                    .Select(v => new ProcessVersionRow(v.Version, v.Name, v.PublishedBy, v.PublishedAt, running.GetValueOrDefault(v.Id)))],
                drafts.GetValueOrDefault(g.Key)));
        var draftOnly = drafts.Where(d => versions.All(v => v.Key != d.Key)).Select(d => new ProcessRow(d.Key, [], d.Value));
        return [.. published.Concat(draftOnly).OrderBy(p => p.Key, StringComparer.Ordinal)];
    }

    /// <summary>The XML of one published version, or null when there is no such version.</summary>
    public async Task<string?> VersionXmlAsync(string key, int version, CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        return await db.Definitions.AsNoTracking().Where(d => d.Key == key && d.Version == version).Select(d => d.Xml)
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>The newest published version of a process, or null when it was never published.</summary>
    public async Task<DefinitionRecord?> LatestAsync(string key, CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        return await db.Definitions.AsNoTracking().Where(d => d.Key == key).OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct);
    }
}
