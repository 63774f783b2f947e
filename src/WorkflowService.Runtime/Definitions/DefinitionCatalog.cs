using Microsoft.EntityFrameworkCore;
using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Model;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tasks;

namespace WorkflowService.Runtime.Definitions;

/// <summary>A process with its newest published version.</summary>
public sealed record DefinitionSummary(string Key, string? Name, int LatestVersion, DateTimeOffset PublishedAt, string PublishedBy)
{
    /// <summary>What a person reads: the name of the newest version, or the key when it has none (not part of the API's JSON).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Key : Name;
}

/// <summary>One published version of a process, without its XML.</summary>
public sealed record DefinitionVersion(string Key, int Version, string? Name, DateTimeOffset PublishedAt, string PublishedBy, string Hash);

/// <summary>One published version of a process with its BPMN XML.</summary>
public sealed record PublishedDefinition(string Key, int Version, string? Name, DateTimeOffset PublishedAt, string PublishedBy, string Xml);

public sealed record ProcessVersionRow(int Version, string? Name, string PublishedBy, DateTimeOffset PublishedAt, int RunningInstances);

public sealed record DraftInfo(string SavedBy, DateTimeOffset SavedAt);

/// <summary>A process as the designer lists it: its versions, newest first, and the draft if one is open.</summary>
public sealed record ProcessRow(string Key, IReadOnlyList<ProcessVersionRow> Versions, DraftInfo? Draft)
{
    public ProcessVersionRow? Latest => Versions.Count > 0 ? Versions[0] : null;
    public string? Name => Latest?.Name;
}

/// <summary>
/// The one reader of "processes and their versions": which processes exist, their newest
/// version, every version of one, the XML of a version, and the designer's overview with running
/// instance counts and open drafts. Lists never load the XML, so many versions stay cheap.
/// Writes are <see cref="DefinitionService"/>'s and <see cref="DraftService"/>'s.
/// </summary>
public sealed class DefinitionCatalog(WorkflowDbFactory dbFactory, DefinitionCache cache, ProcessTexts texts)
{
    /// <summary>Every process with its newest version, ordered by key, named in the reader's language.</summary>
    public async Task<IReadOnlyList<DefinitionSummary>> ListLatestAsync(CancellationToken ct = default)
    {
        List<DefinitionSummary> latest;
        await using (var db = dbFactory.Create())
        {
            latest = await LatestVersions(db).OrderBy(d => d.Key)
                .Select(d => new DefinitionSummary(d.Key, d.Name, d.Version, d.PublishedAt, d.PublishedBy))
                .ToListAsync(ct);
        }
        if (ProcessTexts.Language is null) return latest;
        var book = await texts.BookAsync(latest.Select(d => d.Key), ct);
        return [.. latest.Select(d => d with { Name = book.Process(d.Key, d.Name) })];
    }

    /// <summary>Each process key with the name a person reads (the newest version's name, else the key).</summary>
    public async Task<IReadOnlyDictionary<string, string>> DisplayNamesAsync(CancellationToken ct = default) =>
        (await ListLatestAsync(ct)).ToDictionary(d => d.Key, d => d.DisplayName, StringComparer.Ordinal);

    /// <summary>The published versions of a process, newest first; empty when it was never published.</summary>
    public async Task<IReadOnlyList<DefinitionVersion>> VersionsAsync(string key, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        return await db.Definitions.AsNoTracking().Where(d => d.Key == key).OrderByDescending(d => d.Version)
            .Select(d => new DefinitionVersion(d.Key, d.Version, d.Name, d.PublishedAt, d.PublishedBy, d.Hash))
            .ToListAsync(ct);
    }

    /// <summary>The XML of one published version, or null when there is no such version.</summary>
    public async Task<string?> XmlAsync(string key, int version, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        return await db.Definitions.AsNoTracking().Where(d => d.Key == key && d.Version == version).Select(d => d.Xml)
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>The newest published version of a process with its XML, or null when it was never published.</summary>
    public async Task<PublishedDefinition?> LatestAsync(string key, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        return await db.Definitions.AsNoTracking().Where(d => d.Key == key).OrderByDescending(d => d.Version)
            .Select(d => new PublishedDefinition(d.Key, d.Version, d.Name, d.PublishedAt, d.PublishedBy, d.Xml))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// What a person starting the process is asked: the fields of the newest version's none start event, in order;
    /// empty when it asks nothing. The start (<see cref="Instances.InstanceService.StartAsync"/>) checks the answers against
    /// the same fields.
    /// </summary>
    /// <exception cref="NotFoundException">The process was never published.</exception>
    public async Task<IReadOnlyList<FormField>> StartFormAsync(string definitionKey, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        var id = await db.Definitions.AsNoTracking().Where(d => d.Key == definitionKey).OrderByDescending(d => d.Version)
                     .Select(d => (int?)d.Id).FirstOrDefaultAsync(ct)
                 ?? throw new NotFoundException($"No process '{definitionKey}' is deployed");
        var model = await cache.GetAsync(db, id, ct);
        var language = ProcessTexts.Language;
        return [.. (model.NoneStartEvent?.FormFields ?? []).Select(f => f.In(language))];
    }

    /// <summary>Whom each person field of a form may name (<see cref="PersonFields"/>), by field id.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<PersonChoice>>> PeopleAsync(IEnumerable<FormField> fields,
        CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        return await PersonFields.ChoicesAsync(db, fields, ct);
    }

    /// <summary>
    /// The designer's list: every published process with its versions and running instance counts,
    /// plus drafts of processes never published, ordered by key.
    /// </summary>
    public async Task<IReadOnlyList<ProcessRow>> OverviewAsync(CancellationToken ct = default)
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
        var publishedKeys = versions.Select(v => v.Key).ToHashSet(StringComparer.Ordinal);
        var draftOnly = drafts.Where(d => !publishedKeys.Contains(d.Key)).Select(d => new ProcessRow(d.Key, [], d.Value));
        return [.. published.Concat(draftOnly).OrderBy(p => p.Key, StringComparer.Ordinal)];
    }

    /// <summary>The newest version row of each process: the one query every "latest" read is built on.</summary>
    internal static IQueryable<DefinitionRecord> LatestVersions(WorkflowDbContext db) =>
        db.Definitions.AsNoTracking().Where(d => d.Version == db.Definitions.Where(x => x.Key == d.Key).Max(x => x.Version));
}
