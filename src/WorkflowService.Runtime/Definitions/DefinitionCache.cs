using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using WorkflowService.Engine.Model;
using WorkflowService.Engine.Parsing;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Definitions;

/// <summary>
/// Parsed models by definition id. A published version never changes, so a model parsed once
/// serves every instance of that version for the life of the process.
/// </summary>
public sealed class DefinitionCache(BpmnParser parser)
{
    private readonly ConcurrentDictionary<int, ProcessModel> _models = new();

    public async ValueTask<ProcessModel> GetAsync(WorkflowDbContext db, int definitionId, CancellationToken ct)
    {
        if (_models.TryGetValue(definitionId, out var cached)) return cached;
        var record = await db.Definitions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == definitionId, ct)
                     ?? throw new InvalidOperationException($"Definition {definitionId} does not exist");
        return _models.GetOrAdd(definitionId, _ => Parse(record));
    }

    public ProcessModel GetOrParse(DefinitionRecord record) => _models.GetOrAdd(record.Id, _ => Parse(record));

    /// <summary>
    /// Forgets every model: a write batch that read a definition published in the same batch was not committed, and SQLite
    /// gives a rolled-back row's id to the next definition published (the models are parsed again as they are asked for).
    /// </summary>
    public void Clear() => _models.Clear();

    private ProcessModel Parse(DefinitionRecord record)
    {
        var result = parser.ParsePublished(record.Xml);
        if (!result.Success)
            throw new InvalidOperationException(
                $"Published definition {record.Key} v{record.Version} no longer parses: {string.Join("; ", result.Errors)}");
        return result.Processes.Single(p => p.Key == record.Key);
    }
}
