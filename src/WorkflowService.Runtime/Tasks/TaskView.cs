using System.Linq.Expressions;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Tasks;

/// <summary>
/// A user task as its readers see it: what the inbox, the task page and the API show, without the
/// inbox's join rows and concurrency token. Status is one of <see cref="UserTaskStatus"/>.
/// </summary>
public sealed record TaskView(
    Guid Id,
    Guid InstanceId,
    string DefinitionKey,
    string ElementId,
    string? Name,
    string? BusinessKey,
    string? Assignee,
    IReadOnlyList<string> CandidateUsers,
    IReadOnlyList<string> CandidateGroups,
    DateTimeOffset? DueAt,
    DateTimeOffset? FollowUpAt,
    int Priority,
    string? FormKey,
    DateTimeOffset CreatedAt,
    string Status,
    string? CompletedBy,
    DateTimeOffset? EndedAt)
{
    /// <summary>
    /// The mapping used inside queries, so EF reads only these columns and tracks nothing. It must stay the
    /// last operator of a query: splitting the candidate lists runs in memory, on the rows read.
    /// </summary>
    internal static readonly Expression<Func<TaskRecord, TaskView>> FromRow = t => new TaskView(t.Id, t.InstanceId, t.DefinitionKey,
        t.ElementId, t.Name, t.BusinessKey, t.Assignee, Names(t.CandidateUsers), Names(t.CandidateGroups), t.DueAt, t.FollowUpAt,
        t.Priority, t.FormKey, t.CreatedAt, t.Status, t.CompletedBy, t.EndedAt);

    private static readonly Func<TaskRecord, TaskView> Compiled = FromRow.Compile();

    /// <summary>For a row already loaded (a claim's result).</summary>
    internal static TaskView From(TaskRecord task) => Compiled(task);

    private static string[] Names(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Offered to the caller by name or by one of their groups, whoever holds it now and whatever its status.</summary>
    public bool IsOfferedTo(Caller caller) => CandidateUsers.Contains(caller.UserName) || CandidateGroups.Any(caller.Groups.Contains);
}
