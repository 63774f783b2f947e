using System.Text.Json;
using System.Linq.Expressions;
using WorkflowService.Engine.Execution;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Instances;

/// <summary>
/// What an instance is, without its state: a row of the instance list, the head of its page.
/// Status is the name of the engine's InstanceStatus.
/// </summary>
public sealed record InstanceHeader(
    Guid Id,
    string DefinitionKey,
    int DefinitionVersion,
    string? BusinessKey,
    string Status,
    string? StartedBy,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    int OpenIncidents)
{
    /// <summary>The mapping used inside queries, so EF reads these columns only (not the state JSON) and tracks nothing.</summary>
    internal static readonly Expression<Func<InstanceRecord, InstanceHeader>> FromRow = i => new InstanceHeader(i.Id, i.DefinitionKey,
        i.DefinitionVersion, i.BusinessKey, i.Status, i.StartedBy, i.StartedAt, i.EndedAt, i.OpenIncidents);

    /// <summary>The header and the state JSON in one read, for views that show the state too.</summary>
    internal static readonly Expression<Func<InstanceRecord, HeaderAndState>> WithState = i => new HeaderAndState(new InstanceHeader(i.Id,
        i.DefinitionKey, i.DefinitionVersion, i.BusinessKey, i.Status, i.StartedBy, i.StartedAt, i.EndedAt, i.OpenIncidents), i.StateJson);

    internal sealed record HeaderAndState(InstanceHeader Header, string StateJson);

    private static readonly Func<InstanceRecord, InstanceHeader> Compiled = FromRow.Compile();

    /// <summary>For a row already loaded (a step's result).</summary>
    internal static InstanceHeader From(InstanceRecord instance) => Compiled(instance);
}

/// <summary>An instance just started: where its first step left it.</summary>
public sealed record InstanceStarted(InstanceHeader Instance, InstanceState State);

/// <summary>What an instance starts with: its business key and variables.</summary>
/// <param name="Variables">Set by the starting program itself; never refused, and they win over <paramref name="Answers"/>.</param>
/// <param name="Answers">What a person answered on the process's start form, checked against the started version's form
/// (<see cref="Tasks.FormAnswers.ValidateStart"/>); null when nobody was asked (a message, a timer, a system start).</param>
public sealed record StartInputs(string? BusinessKey, IReadOnlyDictionary<string, JsonElement>? Variables,
    IReadOnlyDictionary<string, JsonElement>? Answers = null);

/// <summary>One thing that happened in an instance: an element entered or left, an incident; by whom, when.</summary>
public sealed record InstanceHistoryEntry(string ElementId, string? ElementName, string Event, DateTimeOffset At, string? By,
    string? Detail)
{
    internal static readonly Expression<Func<HistoryRecord, InstanceHistoryEntry>> FromRow = h =>
        new InstanceHistoryEntry(h.ElementId, h.ElementName, h.Event, h.At, h.By, h.Detail);
}

/// <summary>
/// A broken service rule: which rule, on what, when it was due, when it was seen, and who is charged: the
/// person (<paramref name="Responsible"/>, a user name) and the group(s) (<paramref name="ResponsibleGroup"/>, comma-separated).
/// </summary>
/// <param name="ResponsibleNote">Why the process's own <c>responsible</c> property named nobody, when it failed.</param>
public sealed record BreachView(
    string Rule,
    Guid InstanceId,
    string DefinitionKey,
    string? BusinessKey,
    string ElementId,
    DateTimeOffset DueAt,
    DateTimeOffset DetectedAt,
    string? Responsible,
    string? ResponsibleGroup = null,
    string? ResponsibleNote = null)
{
    internal static readonly Expression<Func<BreachRecord, BreachView>> FromRow = b =>
        new BreachView(b.Rule, b.InstanceId, b.DefinitionKey, b.BusinessKey, b.ElementId, b.DueAt, b.DetectedAt, b.Responsible,
            b.ResponsibleGroup, b.ResponsibleNote);
}
