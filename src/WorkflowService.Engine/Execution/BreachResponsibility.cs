using System.Collections.Immutable;
using WorkflowService.Engine.Expressions;
using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Execution;

/// <summary>
/// Who a breach is charged to, as far as the engine can tell when the SLA timer fires. A breach is
/// charged to a person, not only to a group (DOMAIN.md), so the breach carries:
/// an explicit <c>responsible</c> / <c>responsibleGroup</c> property of the timer event or of the
/// activity it watches, evaluated now with the instance's variables; and the user tasks the timer
/// watched, oldest first (the host task, or the tasks open inside a host subprocess). The host then
/// reads those tasks' current assignee and groups: claims happen outside the engine.
/// </summary>
internal static class BreachResponsibility
{
    /// <summary>A user name, or an expression giving one (<c>${engineer}</c>).</summary>
    public const string PersonProperty = "responsible";

    /// <summary>A group name or comma-separated list, or an expression giving one.</summary>
    public const string GroupProperty = "responsibleGroup";

    public static RecordBreach Of(StepContext ctx, string rule, FlowNode eventNode, Subscription timer, DateTimeOffset due,
        DateTimeOffset at)
    {
        var host = eventNode is BoundaryEventNode boundary ? ctx.Model.Node(boundary.AttachedToId) : null;
        var notes = new List<string>();
        return new RecordBreach(rule, eventNode.Id, due, at)
        {
            Responsible = Explicit(ctx, PersonProperty, eventNode, host, notes),
            ResponsibleGroup = Explicit(ctx, GroupProperty, eventNode, host, notes),
            ResponsibleNote = notes.Count == 0 ? null : string.Join("; ", notes),
            WatchedTaskIds = host is null ? [] : WatchedTasks(ctx, timer.OwnerTokenId),
        };
    }

    /// <summary>
    /// The property on the timer event, else on its host activity. A failing or empty expression
    /// must not fail the step that notices the breach: it gives null (the host falls back to the
    /// watched tasks) and the reason is kept in <paramref name="notes"/>.
    /// </summary>
    private static string? Explicit(StepContext ctx, string property, FlowNode eventNode, FlowNode? host, List<string> notes)
    {
        var text = eventNode.Properties.GetValueOrDefault(property) ?? host?.Properties.GetValueOrDefault(property);
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            var value = Evaluation.String(ctx, text, property);
            if (value is null) notes.Add($"{property} {text} gave nobody");
            return value;
        }
        catch (Exception ex) when (ex is IncidentException or ExpressionException)
        {
            notes.Add($"{property} {text} failed: {ex.Message}");
            return null;
        }
    }

    /// <summary>
    /// The user tasks the timer's owner token stands for: its own task, or every user task open in the
    /// subprocess it hosts (nested subprocesses included), by id — ids are drawn in order, so oldest first.
    /// </summary>
    private static ImmutableArray<int> WatchedTasks(StepContext ctx, int ownerTokenId)
    {
        if (ctx.FindToken(ownerTokenId) is not { } owner) return [];
        if (owner.Wait == WaitKind.UserTask) return [owner.Id];
        if (owner.Wait != WaitKind.SubProcess) return [];
        var scopes = new HashSet<int>();
        var frontier = new Queue<int>(ctx.Scopes.Where(s => s.HostTokenId == owner.Id).Select(s => s.Id));
        while (frontier.TryDequeue(out var scopeId))
        {
            if (!scopes.Add(scopeId)) continue;
            foreach (var child in ctx.Scopes.Where(s => s.ParentScopeId == scopeId)) frontier.Enqueue(child.Id);
        }
        return [.. ctx.Tokens.Where(t => t.Wait == WaitKind.UserTask && scopes.Contains(t.ScopeId)).Select(t => t.Id).Order()];
    }
}
