using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WorkflowService.Engine.Calendars;
using WorkflowService.Engine.Model;
using WorkflowService.Engine.Parsing;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Scheduling;

namespace WorkflowService.Runtime.Definitions;

public sealed record DeployResult(DefinitionVersion Definition, bool Created, IReadOnlyList<BpmnDiagnostic> Warnings);

/// <summary>
/// Publishes process versions. A file is validated in full before anything is stored; an
/// unchanged file (same hash as the latest version) is not published again. Running instances
/// stay on their version; start timers move to the new version.
/// </summary>
public sealed class DefinitionService(
    TransactionRunner transactions,
    BpmnParser parser,
    ICalendarSource calendars,
    DefinitionCache cache,
    ProcessTexts texts,
    StartTimers startTimers,
    EffectDispatcher dispatcher,
    TimeProvider clock,
    ILogger<DefinitionService> logger)
{
    /// <summary>Checks a file without storing it: the process it defines, or the errors.</summary>
    public (ProcessModel? Model, IReadOnlyList<BpmnDiagnostic> Diagnostics) Validate(string xml)
    {
        var result = parser.Parse(xml);
        if (!result.Success) return (null, result.Diagnostics);
        if (result.Processes.Length != 1)
        {
            var ids = string.Join(", ", result.Processes.Select(p => $"'{p.Key}'"));
            return (null, [.. result.Diagnostics, new BpmnDiagnostic(null, "definitions", 1,
                result.Processes.IsEmpty
                    ? "The file has no executable process: mark one process isExecutable=\"true\""
                    : $"The file has {result.Processes.Length} executable processes ({ids}); WorkflowService deploys one process per file")]);
        }
        var model = result.Processes[0];
        var unknownCalendars = CalendarReferences.Check(model, calendars);
        return unknownCalendars.Count > 0 ? (null, [.. result.Diagnostics, .. unknownCalendars]) : (model, result.Diagnostics);
    }

    public Task<DeployResult> DeployAsync(string xml, string publishedBy, CancellationToken ct = default) =>
        DeployAsync(xml, publishedBy, draft: null, ct);

    /// <summary>
    /// Publishes a diagram from the designer in one transaction: the process id must not take another
    /// process's key (<paramref name="editedKey"/> is the process the user had open, null for a new
    /// diagram), the version is published (or the unchanged latest reported), and the drafts it makes
    /// obsolete (the published key's and the one the user had open) are deleted. On any refusal
    /// nothing is stored.
    /// </summary>
    public Task<DeployResult> PublishDraftAsync(string xml, string publishedBy, string? editedKey, CancellationToken ct = default) =>
        DeployAsync(xml, publishedBy, new DraftRelease(editedKey), ct);

    /// <summary>The designer's draft a publication replaces: <see cref="EditedKey"/> is the process the user had open.</summary>
    private sealed record DraftRelease(string? EditedKey);

    private async Task<DeployResult> DeployAsync(string xml, string publishedBy, DraftRelease? draft, CancellationToken ct)
    {
        var (model, diagnostics) = Validate(xml);
        if (model is null)
        {
            var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(d => new ValidationError(d.Message, ElementId: d.ElementId, Line: d.Line, Code: d.ElementType))
                .ToList();
            throw new ValidationException($"The BPMN file cannot be deployed: {errors.Count} error(s)", errors);
        }
        var warnings = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).ToList();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(xml)));

        var effects = new StepEffects();
        // Two publishers racing for one version number: the loser reads the latest version again and takes the next.
        var (result, published) = await transactions.RunAsync($"publication of {model.Key}",
            db => PublishAsync(db, model, xml, hash, publishedBy, warnings, draft, effects, ct), ct,
            TransientErrors.Default | TransientErrors.UniqueKeyRace);
        if (published is null) return result;
        // Cached only once committed: a rolled-back id can be handed out again (SQLite reuses it).
        cache.GetOrParse(published);
        texts.Forget();
        await dispatcher.DispatchAsync(effects, ct);
        logger.Published(published.Key, published.Version, publishedBy);
        return result;
    }

    /// <summary>One attempt, in the runner's transaction: the result, and the new version if one was stored.</summary>
    private async Task<(DeployResult, DefinitionRecord?)> PublishAsync(WorkflowDbContext db, ProcessModel model, string xml,
        string hash, string publishedBy, IReadOnlyList<BpmnDiagnostic> warnings, DraftRelease? draft, StepEffects effects,
        CancellationToken ct)
    {
        effects.Timers.Clear(); // a retried attempt schedules its own
        // Ordered with the key's start timer firings: the older versions' timers read below include
        // the next cycle a firing on another node has just scheduled.
        await ClusterLock.ForTransactionAsync(db, ClusterLock.ForProcess(model.Key), ct);
        if (draft is not null) await DraftService.EnsureKeyAvailableAsync(db, draft.EditedKey, model.Key, ct);
        var latest = await db.Definitions.Where(d => d.Key == model.Key).OrderByDescending(d => d.Version)
            .FirstOrDefaultAsync(ct);
        if (latest is not null && latest.Hash == hash)
        {
            if (draft is not null) await DraftService.DeleteAsync(db, ReleasedDrafts(model.Key, draft), ct);
            return (new DeployResult(Describe(latest), false, warnings), null);
        }

        var now = clock.GetUtcNow();
        var record = new DefinitionRecord
        {
            Key = model.Key, Version = (latest?.Version ?? 0) + 1, Name = model.Name, Xml = xml, Hash = hash,
            PublishedBy = publishedBy, PublishedAt = now,
        };
        db.Definitions.Add(record);
        await db.SaveChangesAsync(ct);

        await startTimers.ReplaceAsync(db, record, model, now, effects, ct);
        await db.SaveChangesAsync(ct);
        if (draft is not null) await DraftService.DeleteAsync(db, ReleasedDrafts(model.Key, draft), ct);
        return (new DeployResult(Describe(record), true, warnings), record);
    }

    private static string[] ReleasedDrafts(string publishedKey, DraftRelease draft) =>
        draft.EditedKey is null ? [publishedKey] : [publishedKey, draft.EditedKey];

    private static DefinitionVersion Describe(DefinitionRecord d) =>
        new(d.Key, d.Version, d.Name, d.PublishedAt, d.PublishedBy, d.Hash);

    /// <summary>Deploys every <c>*.bpmn</c> of a folder that is new or changed; a file that does not validate stops start-up.</summary>
    public async Task DeployDirectoryAsync(string directory, CancellationToken ct)
    {
        if (!Directory.Exists(directory))
        {
            logger.WorkflowsDirectoryMissing(directory);
            return;
        }
        foreach (var file in Directory.EnumerateFiles(directory, "*.bpmn").Order(StringComparer.Ordinal))
        {
            try
            {
                var result = await DeployAsync(await File.ReadAllTextAsync(file, ct), "system", ct);
                if (result.Created && logger.IsEnabled(LogLevel.Information))
                    logger.Deployed(Path.GetFileName(file), result.Definition.Key, result.Definition.Version);
            }
            catch (ValidationException ex)
            {
                throw new InvalidOperationException(
                    $"{file} cannot be deployed: " + string.Join("; ", ex.Errors.Select(e => $"line {e.Line}: {e.ElementId}: {e.Message}")), ex);
            }
        }
    }
}
