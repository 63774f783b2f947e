using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Model;
using WorkflowService.Runtime.Definitions;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Tasks;

/// <summary>A form field as the user sees it: its declaration and the value to show.</summary>
/// <param name="People">For a person field (<see cref="FormField.MemberOf"/>), whom one may choose; null otherwise.</param>
public sealed record FormFieldView(FormField Field, JsonElement? Value, IReadOnlyList<PersonChoice>? People = null);

public sealed record TaskDetails(TaskView Task, IReadOnlyList<FormFieldView> Form,
    IReadOnlyDictionary<string, JsonElement> Variables, string? ProcessName);

/// <summary>
/// The inbox: query, claim, unclaim and complete user tasks, each refused with a reason the
/// user can act on. A task the caller may not see is reported as not found.
/// </summary>
public sealed class TaskService(
    WorkflowDbFactory dbFactory,
    TransactionRunner transactions,
    DefinitionCache definitions,
    ProcessTexts texts,
    InstanceRunner runner,
    Interpreter interpreter,
    EffectDispatcher dispatcher,
    TimeProvider clock,
    ILogger<TaskService> logger,
    Notifications.Personal.PersonalNotices? notices = null)
{
    public async Task<IReadOnlyList<TaskView>> QueryAsync(Caller caller, TaskQuery query, CancellationToken ct = default)
    {
        IReadOnlyList<TaskView> found;
        await using (var db = dbFactory.Create())
        {
            found = InboxQuery.Applies(caller, query)
                ? await InboxQuery.RunAsync(db, caller, query, clock.GetUtcNow(), ct)
                : await db.Tasks.AsNoTracking().VisibleTo(caller).Matching(query, clock.GetUtcNow()).Select(TaskView.FromRow).ToListAsync(ct);
        }
        return await InReadersLanguageAsync(found, ct);
    }

    /// <summary>The tasks with their names in the reader's language (<see cref="ProcessTexts"/>).</summary>
    private async Task<IReadOnlyList<TaskView>> InReadersLanguageAsync(IReadOnlyList<TaskView> tasks, CancellationToken ct)
    {
        if (ProcessTexts.Language is null || tasks.Count == 0) return tasks;
        var book = await texts.BookAsync(tasks.Select(t => t.DefinitionKey), ct);
        return [.. tasks.Select(t => t with { Name = book.Element(t.DefinitionKey, t.ElementId, t.Name) })];
    }

    private async Task<TaskView> InReadersLanguageAsync(TaskView task, CancellationToken ct) =>
        (await InReadersLanguageAsync([task], ct))[0];

    public async Task<TaskDetails> GetAsync(Caller caller, Guid taskId, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        var task = await db.Tasks.AsNoTracking().VisibleTo(caller).Where(t => t.Id == taskId).Select(TaskView.FromRow)
                       .SingleOrDefaultAsync(ct)
                   ?? throw NotFound(taskId);
        var instance = await db.Instances.AsNoTracking().Where(i => i.Id == task.InstanceId)
            .Select(i => new { i.DefinitionId, i.StateJson }).SingleAsync(ct);
        var model = await definitions.GetAsync(db, instance.DefinitionId, ct);
        var variables = InstanceStateJson.Deserialize(instance.StateJson).Variables;
        var fields = FieldsOf(model, task.ElementId);
        // The form of the task's own version, labelled in the reader's language as that version writes it.
        var language = ProcessTexts.Language;
        var people = await PersonFields.ChoicesAsync(db, fields, ct);
        var form = fields.Select(f => new FormFieldView(f.In(language), ValueOf(f, variables), people.GetValueOrDefault(f.Id))).ToList();
        return new TaskDetails(await InReadersLanguageAsync(task, ct), form, variables, model.NameIn(language));
    }

    public async Task<TaskView> ClaimAsync(Caller caller, Guid taskId, CancellationToken ct = default) =>
        await InReadersLanguageAsync(TaskView.From(await ChangeAssigneeAsync(caller, taskId, claim: true, ct)), ct);

    public async Task<TaskView> UnclaimAsync(Caller caller, Guid taskId, CancellationToken ct = default) =>
        await InReadersLanguageAsync(TaskView.From(await ChangeAssigneeAsync(caller, taskId, claim: false, ct)), ct);

    /// <summary>
    /// Hands a task on to someone (a supervisor's act, checked by the host): typically the work of a person who left.
    /// The new assignee must be an enabled person; the task must be open.
    /// </summary>
    public async Task<TaskView> AssignAsync(Caller caller, Guid taskId, string? userName, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(userName))
            throw new ValidationException("userName is required: the person to hand the task on to", [new("userName is required", "userName", "required")]);
        var outbox = new List<Guid>();
        var task = await transactions.RunAsync($"handing on task {taskId}", async db =>
        {
            outbox.Clear(); // a retried attempt writes its own rows
            // Not narrowed to what the caller is offered: a supervisor hands on work that was never theirs.
            var task = await db.Tasks.SingleOrDefaultAsync(t => t.Id == taskId, ct) ?? throw NotFound(taskId);
            EnsureOpen(task);
            var normalized = userName.Trim().ToUpperInvariant();
            var person = await db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => new { u.UserName, u.Disabled })
                             .SingleOrDefaultAsync(ct)
                         ?? throw new ValidationException($"There is no user named '{userName}'",
                             [new($"userName: there is no user named '{userName}'", "userName", "unknown-user", Argument: userName)]);
            if (person.Disabled)
                throw new ValidationException($"{person.UserName} is disabled: hand the task to someone who works here",
                    [new($"userName: {person.UserName} is disabled", "userName", "disabled", Argument: person.UserName)]);
            var holder = task.Assignee;
            task.Assignee = person.UserName;
            task.Revision++;
            // Handed to whoever holds it already: nothing new to tell them.
            if (notices is not null && holder != task.Assignee)
                await notices.TaskHandedOnAsync(db, task, caller.UserName, clock.GetUtcNow(), outbox, ct);
            await db.SaveChangesAsync(ct);
            return task;
        }, ct);
        logger.HandedOn(task.Id, task.InstanceId, task.Assignee!, caller.UserName);
        await NotifyChangedAsync(task, ct, outbox);
        return await InReadersLanguageAsync(TaskView.From(task), ct);
    }

    /// <summary>
    /// Claims or unclaims in one transaction in the write turn, decided on the row as it is then;
    /// another writer's change in between (the revision moved) decides again on fresh data.
    /// </summary>
    private async Task<TaskRecord> ChangeAssigneeAsync(Caller caller, Guid taskId, bool claim, CancellationToken ct)
    {
        var (task, changed) = await transactions.RunAsync($"assignee of task {taskId}", async db =>
        {
            var task = await FindToChange(db, caller, taskId, ct, tracked: true);
            EnsureOpen(task);
            if (claim)
            {
                if (task.Assignee == caller.UserName) return (task, false);
                if (task.Assignee is not null)
                    throw new ConflictException($"Task '{task.Name ?? task.ElementId}' is already claimed by {task.Assignee}");
                task.Assignee = caller.UserName;
            }
            else
            {
                if (task.Assignee is null) return (task, false);
                if (task.Assignee != caller.UserName && !caller.IsAdmin)
                    throw new ConflictException($"Task '{task.Name ?? task.ElementId}' is claimed by {task.Assignee}; only they or an admin can unclaim it");
                task.Assignee = null;
            }
            task.Revision++;
            await db.SaveChangesAsync(ct);
            return (task, true);
        }, ct);
        if (!changed) return task;
        logger.ClaimChanged(task.Id, task.InstanceId, claim ? "claimed" : "unclaimed", caller.UserName);
        await NotifyChangedAsync(task, ct);
        return task;
    }

    /// <summary>Tells the task's new and old audience that its assignee changed (after the commit).</summary>
    private Task NotifyChangedAsync(TaskRecord task, CancellationToken ct, IEnumerable<Guid>? outbox = null)
    {
        var effects = new StepEffects();
        effects.Outbox.AddRange(outbox ?? []);
        effects.Notifications.Add(CommandApplier.Notification(WorkflowNotification.TaskChanged, task));
        return dispatcher.DispatchAsync(effects, ct);
    }

    /// <summary>
    /// Completes a task with the submitted values, validated against its form: a refused value
    /// throws <see cref="ValidationException"/> naming each field; nothing is stored then.
    /// </summary>
    /// <returns>The task's instance as the completion left it.</returns>
    public async Task<InstanceHeader> CompleteAsync(Caller caller, Guid taskId, IReadOnlyDictionary<string, JsonElement> submitted,
        CancellationToken ct = default)
    {
        ImmutableDictionary<string, JsonElement> values;
        Guid instanceId;
        await using (var db = dbFactory.Create())
        {
            // The task with its instance's definition in one read (a task never moves to another instance, so its
            // instance id is good for the step below).
            var found = await db.Tasks.AsNoTracking().VisibleTo(caller).Where(t => t.Id == taskId)
                            .Select(t => new
                            {
                                Task = t,
                                DefinitionId = db.Instances.Where(i => i.Id == t.InstanceId).Select(i => i.DefinitionId).FirstOrDefault(),
                            })
                            .SingleOrDefaultAsync(ct)
                        ?? throw await RefusalAsync(db, caller, taskId, ct);
            EnsureCompletable(found.Task, caller);
            instanceId = found.Task.InstanceId;
            var fields = FieldsOf(await definitions.GetAsync(db, found.DefinitionId, ct), found.Task.ElementId);
            values = FormAnswers.Validate(fields, submitted);
            values = await PersonFields.CheckAsync(db, fields, values, "Some values were refused", ct);
        }

        var outcome = await runner.HandleAsync(instanceId, async scope =>
        {
            // Among the instance's open tasks, which the step reads anyway to close it: no read of its own in the write turn.
            var row = (await scope.OpenTasks.WhereAsync(t => t.Id == taskId, ct)).SingleOrDefault()
                      ?? await scope.Db.Tasks.AsNoTracking().SingleAsync(t => t.Id == taskId, ct);
            // Closed since the check above (completed by someone else, cancelled): refused as it would have been then.
            EnsureCompletable(row, caller);
            await CommandApplier.CloseTaskAsync(scope, row.LocalId, UserTaskStatus.Completed, caller.UserName, ct);
            return new UserTaskCompleted(row.LocalId, values, caller.UserName) { At = scope.Now };
        }, ct);
        if (outcome.Ignored) throw new ConflictException($"The task can no longer be completed: {outcome.IgnoredReason}");
        logger.Completed(taskId, outcome.Instance.Id, caller.UserName);
        return InstanceHeader.From(outcome.Instance);
    }

    private static NotFoundException NotFound(Guid taskId) => new($"Task {taskId} does not exist or is not yours to see");

    /// <summary>
    /// A task to claim, unclaim or complete. One that was offered to the caller but has since been
    /// claimed by someone else or closed is a conflict saying so (the caller lost a race, or their
    /// inbox is stale), not "not found"; a task never offered to them stays not found.
    /// </summary>
    private static async Task<TaskRecord> FindToChange(WorkflowDbContext db, Caller caller, Guid taskId, CancellationToken ct,
        bool tracked = false)
    {
        var query = tracked ? db.Tasks : db.Tasks.AsNoTracking();
        return await query.VisibleTo(caller).SingleOrDefaultAsync(t => t.Id == taskId, ct) ?? throw await RefusalAsync(db, caller, taskId, ct);
    }

    /// <summary>
    /// Why a task the caller does not see cannot be changed by them: thrown here as a conflict when it was offered to them
    /// (<see cref="FindToChange"/>); otherwise returned as not found, for the caller to throw.
    /// </summary>
    private static async Task<NotFoundException> RefusalAsync(WorkflowDbContext db, Caller caller, Guid taskId, CancellationToken ct)
    {
        var task = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is not null && TaskView.From(task).IsOfferedTo(caller)) EnsureCompletable(task, caller);
        return NotFound(taskId);
    }


    private static void EnsureOpen(TaskRecord task)
    {
        if (task.Status != UserTaskStatus.Open)
            throw new ConflictException($"Task '{task.Name ?? task.ElementId}' is {task.Status.ToLowerInvariant()} already");
    }

    private static void EnsureCompletable(TaskRecord task, Caller caller)
    {
        EnsureOpen(task);
        if (task.Assignee is not null && task.Assignee != caller.UserName && !caller.IsAdmin)
            throw new ConflictException($"Task '{task.Name ?? task.ElementId}' is claimed by {task.Assignee}");
    }

    private static ImmutableArray<FormField> FieldsOf(ProcessModel model, string elementId) =>
        model.TryGetNode(elementId, out var node) && node is UserTaskNode user ? user.FormFields : [];

    private JsonElement? ValueOf(FormField field, ImmutableDictionary<string, JsonElement> variables)
    {
        if (variables.TryGetValue(field.Id, out var current)) return current;
        if (field.DefaultValue is null) return null;
        try
        {
            return interpreter.Expressions.Evaluate(field.DefaultValue, variables, clock.GetUtcNow());
        }
        catch (Engine.Expressions.ExpressionException ex)
        {
            logger.DefaultValueFailed(field.Id, ex.Message);
            return null;
        }
    }
}
