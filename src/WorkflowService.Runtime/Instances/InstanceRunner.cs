using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WorkflowService.Engine.Execution;
using WorkflowService.Runtime.Definitions;
using WorkflowService.Runtime.Milestones;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tasks;
using WorkflowService.Engine.Model;

namespace WorkflowService.Runtime.Instances;

/// <summary>The result of a step: applied, or ignored because the event no longer applies.</summary>
public sealed record StepOutcome(InstanceRecord Instance, InstanceState State, string? IgnoredReason)
{
    public bool Ignored => IgnoredReason is not null;
}

/// <summary>
/// Runs one step of one instance in one transaction (a savepoint of a write batch's, <see cref="WriteBatcher"/>):
/// load the instance, let the engine handle the event, save the new state together with every row its commands
/// imply (tasks, timers, breaches, outbox, history), and once the batch has committed dispatch the effects
/// (schedule timers, send mail, notify users). A concurrency conflict retries the whole step on fresh state, so
/// an effect is never lost and never doubled.
/// </summary>
public sealed class InstanceRunner(
    Interpreter interpreter,
    DefinitionCache definitions,
    CommandApplier applier,
    EffectDispatcher dispatcher,
    WriteBatcher batcher,
    TransientRetry retry,
    TimeProvider clock,
    ILogger<InstanceRunner> logger,
    MilestoneRegistry milestones)
{
    public TimeProvider Clock => clock;

    /// <summary>
    /// Starts an instance of the latest version of <paramref name="definitionKey"/>. With
    /// <paramref name="startingAs"/>, that version's starter lists must allow the caller (checked in
    /// the transaction, so a version published meanwhile is judged by its own lists).
    /// </summary>
    public Task<StepOutcome> StartAsync(string definitionKey, string? businessKey,
        IReadOnlyDictionary<string, JsonElement>? variables, string? startedBy, string? startEventId = null,
        Func<WorkflowDbContext, DateTimeOffset, StepEffects, Task>? alsoInTransaction = null, Caller? startingAs = null,
        CancellationToken ct = default) =>
        StartAsync(definitionKey, (_, _) => Task.FromResult(new StartInputs(businessKey, variables)), startedBy, startEventId,
            alsoInTransaction is null ? null : scope => alsoInTransaction(scope.Db, scope.Now, scope.Effects), startingAs, ct);

    /// <summary>
    /// Starts an instance whose business key and variables are decided inside the start's transaction
    /// (<paramref name="inputs"/>, after the caller's right to start was checked, e.g. a number drawn from a
    /// counter), with <paramref name="alongside"/> writing what goes with the instance (a work order) before the
    /// commit: all of it is kept, or none. A retry (a busy database, a lost race) runs both again on fresh rows.
    /// </summary>
    public async Task<StepOutcome> StartAsync(string definitionKey,
        Func<WorkflowDbContext, DateTimeOffset, Task<StartInputs>> inputs, string? startedBy, string? startEventId,
        Func<StepScope, Task>? alongside, Caller? startingAs, CancellationToken ct)
    {
        var outcome = await InTransactionAsync(async db =>
        {
            // Asked every time, so a version published on another node is started at once; only the
            // id and version, answered from the (Key, Version) index: the XML is needed only to parse
            // a model the cache does not hold yet.
            var definition = await StepQueries.For(db).LatestDefinition(db, definitionKey, ct)
                             ?? throw new NotFoundException($"No process '{definitionKey}' is deployed");
            var model = await definitions.GetAsync(db, definition.Id, ct);
            if (startingAs is { IsAdmin: false } && !model.Starters.Allows(startingAs.UserName, startingAs.Groups))
            {
                logger.StartRefused(startingAs.UserName, definitionKey, definition.Version, DescribeStarters(model.Starters));
                throw new ForbiddenException($"{startingAs.UserName} may not start process '{definitionKey}'");
            }
            var now = clock.GetUtcNow();
            var (businessKey, variables, answers) = await inputs(db, now);
            if (answers is not null)
            {
                var form = StartFormOf(model, startEventId);
                var facts = variables;
                variables = await PersonFields.CheckAsync(db, form.Where(f => facts is null || !facts.ContainsKey(f.Id)),
                    FormAnswers.ValidateStart(form, answers, facts), "The process was not started: some values were refused", ct);
            }
            StepResult result;
            try
            {
                result = interpreter.Start(model, variables, now, new StartOptions(startEventId, startedBy));
            }
            catch (ArgumentException ex)
            {
                throw new ValidationException(ex.Message, [new ValidationError(ex.Message)]);
            }
            var instance = new InstanceRecord
            {
                Id = Guid.CreateVersion7(now),
                DefinitionId = definition.Id,
                DefinitionKey = definitionKey,
                DefinitionVersion = definition.Version,
                BusinessKey = businessKey,
                Status = result.State.Status.Name,
                StateJson = "",
                StartedBy = startedBy,
                StartedAt = now,
            };
            db.Instances.Add(instance);
            var scope = new StepScope(db, instance, model, result.State, now, newInstance: true);
            if (alongside is not null) await alongside(scope);
            await applier.ApplyAsync(scope, result, ct);
            await SaveAsync(scope, ct);
            return (new StepOutcome(instance, scope.State, null), scope.Effects);
        }, $"start {definitionKey}", ct);
        return outcome;
    }

    /// <summary>The form of the start event a start goes through; one that does not exist is the interpreter's to refuse.</summary>
    private static ImmutableArray<FormField> StartFormOf(ProcessModel model, string? startEventId) =>
        (startEventId is null ? model.NoneStartEvent : model.TryGetNode(startEventId, out var node) ? node as StartEventNode : null)
        ?.FormFields ?? [];

    private static string DescribeStarters(ProcessStarters starters) =>
        string.Join(" and ", new[]
        {
            starters.Users.IsEmpty ? null : "users " + string.Join(", ", starters.Users),
            starters.Groups.IsEmpty ? null : "members of " + string.Join(", ", starters.Groups),
        }.OfType<string>());

    /// <summary>
    /// Applies an event to an instance. <paramref name="prepare"/> runs inside the transaction:
    /// it checks the request against fresh rows (throwing <see cref="WorkflowRequestException"/>s),
    /// updates the rows it owns and returns the event. An ignored event still commits what
    /// <paramref name="prepare"/> changed (e.g. a timer row marked fired), never the instance.
    /// </summary>
    public async Task<StepOutcome> HandleAsync(Guid instanceId, Func<StepScope, ValueTask<InstanceEvent>> prepare,
        CancellationToken ct = default)
    {
        return await InTransactionAsync(async db =>
        {
            var instance = await StepQueries.For(db).Instance(db, instanceId, ct)
                           ?? throw new NotFoundException($"Instance {instanceId} does not exist");
            var model = await definitions.GetAsync(db, instance.DefinitionId, ct);
            var state = InstanceStateJson.Deserialize(instance.StateJson);
            var scope = new StepScope(db, instance, model, state, clock.GetUtcNow());
            var evt = await prepare(scope);
            var result = interpreter.Handle(model, state, evt);
            if (result.Ignored)
            {
                if (logger.IsEnabled(LogLevel.Information)) logger.EventIgnored(instanceId, evt.GetType().Name, result.IgnoredReason);
                await db.SaveChangesAsync(ct);
                return (new StepOutcome(instance, state, result.IgnoredReason), scope.Effects);
            }
            await applier.ApplyAsync(scope, result, ct);
            if (evt is MessageReceived received) await ForgetConsumedSubscriptionAsync(scope, received.SubscriptionId, ct);
            await SaveAsync(scope, ct);
            return (new StepOutcome(instance, scope.State, null), scope.Effects);
        }, $"instance {instanceId}", ct);
    }

    /// <summary>
    /// A delivered message ends its wait without a command (only a non-interrupting boundary event
    /// keeps listening): drop the subscription row so the next message is not correlated to it.
    /// </summary>
    private static async Task ForgetConsumedSubscriptionAsync(StepScope scope, int subscriptionId, CancellationToken ct)
    {
        if (scope.State.Subscriptions.Any(s => s.Id == subscriptionId)) return;
        await CommandApplier.UnsubscribeAsync(scope, subscriptionId, ct);
    }

    /// <summary>
    /// The step's rows: the instance with its new state (and revision, the concurrency token), the rows the commands made,
    /// the milestones it reached, then the history.
    /// </summary>
    private async Task SaveAsync(StepScope scope, CancellationToken ct)
    {
        var instance = scope.Instance;
        instance.StateJson = InstanceStateJson.Serialize(scope.State);
        instance.Status = scope.State.Status.Name;
        instance.EndedAt = scope.State.EndedAt;
        instance.OpenIncidents = scope.State.Incidents.Count;
        instance.Revision++;
        await StepRowWriter.SaveAsync(scope.Db, ct);
        await MilestoneWriter.WriteAsync(scope, milestones, ct);
        await HistoryRows.InsertAsync(scope.Db, scope.History, ct);
    }

    /// <summary>
    /// Runs a step as a unit of a write batch and dispatches its effects once the batch has committed; a transient
    /// failure (a conflict on the instance's revision, a busy database) rolls back only this step and redoes it on fresh
    /// state.
    /// </summary>
    private async Task<StepOutcome> InTransactionAsync(Func<WorkflowDbContext, Task<(StepOutcome, StepEffects)>> step, string what,
        CancellationToken ct)
    {
        var (outcome, effects) = await retry.RunAsync(what, _ => batcher.RunAsync(step, ct), ct);
        await dispatcher.DispatchAsync(effects, ct);
        return outcome;
    }
}
