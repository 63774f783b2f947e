using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Parsing;
using WorkflowService.Runtime.Definitions;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tasks;

namespace WorkflowService.Runtime.Tests.Persistence;

/// <summary>
/// Claims and unclaims are writers outside a step: on a real SQLite file, behind a step that holds
/// the write lock longer than a connection waits for it, every agent gets an answer about the task
/// (claimed, or claimed by someone else), never "database is locked".
/// </summary>
public sealed class ClaimContentionTests : IDisposable
{
    private readonly SqliteFile _file = new();
    private readonly TransactionRunner _process;
    private readonly TaskService _tasks;
    private readonly Guid _taskId = Guid.CreateVersion7();

    public ClaimContentionTests()
    {
        _process = _file.Process();
        var interpreter = new Interpreter();
        var cache = new DefinitionCache(new BpmnParser());
        var dispatcher = new EffectDispatcher(new NoPorts(), new NoPorts(), new NoPorts(), NullLogger<EffectDispatcher>.Instance);
        var runner = new InstanceRunner(interpreter, cache, new CommandApplier(interpreter, []), dispatcher,
            _process.Batcher, new TransientRetry(NullLogger<TransientRetry>.Instance), TimeProvider.System, NullLogger<InstanceRunner>.Instance,
            new WorkflowService.Runtime.Milestones.MilestoneRegistry([]));
        _tasks = new TaskService(_file.Factory, _process, cache, new ProcessTexts(_file.Factory, cache, TimeProvider.System), runner,
            interpreter, dispatcher, TimeProvider.System,
            NullLogger<TaskService>.Instance);
        SeedOpenTask();
    }

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task Agents_claiming_one_task_behind_a_long_step_get_one_winner_and_conflicts()
    {
        var agents = Enumerable.Range(1, 6).Select(i => Agent($"agent{i}")).ToList();
        var step = await HoldLockInTurnAsync();

        var claims = agents.Select(a => Task.Run(async () =>
        {
            try
            {
                return (await _tasks.ClaimAsync(a, _taskId)).Assignee;
            }
            catch (ConflictException)
            {
                return null;
            }
        })).ToList();
        await step;
        var winners = (await Task.WhenAll(claims)).OfType<string>().ToList();

        var winner = Assert.Single(winners);
        await using var db = _file.Factory.Create();
        Assert.Equal(winner, await db.Tasks.Where(t => t.Id == _taskId).Select(t => t.Assignee).SingleAsync());
    }

    [Fact]
    public async Task A_claim_then_an_unclaim_queued_behind_a_long_step_both_get_through()
    {
        var agent = Agent("agent1");
        var step = await HoldLockInTurnAsync();

        var claim = Task.Run(() => _tasks.ClaimAsync(agent, _taskId));
        var unclaim = Task.Run(async () =>
        {
            await claim; // in order, but both queued behind the step
            return await _tasks.UnclaimAsync(agent, _taskId);
        });
        await step;

        Assert.Equal("agent1", (await claim).Assignee);
        Assert.Null((await unclaim).Assignee);
        await using var db = _file.Factory.Create();
        var row = await db.Tasks.SingleAsync(t => t.Id == _taskId);
        Assert.Equal((null, 2), (row.Assignee, row.Revision));
    }

    private static Caller Agent(string name) => new(name, new HashSet<string> { "agents" }, false);

    /// <summary>Starts a step of this process holding the write turn and lock for longer than a connection waits; returns once it holds them.</summary>
    private async Task<Task> HoldLockInTurnAsync()
    {
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var step = Task.Run(() => _process.RunAsync("long step", async db =>
        {
            holding.SetResult();
            await Task.Delay(SqliteFile.LockWait * 1.5);
        }, CancellationToken.None));
        await holding.Task;
        return step;
    }

    private void SeedOpenTask()
    {
        using var db = _file.Factory.Create();
        var definition = new DefinitionRecord { Key = "complaint", Version = 1, Xml = "<definitions/>", Hash = "h", PublishedBy = "system" };
        db.Definitions.Add(definition);
        db.SaveChanges();
        var instance = new InstanceRecord
        {
            Id = Guid.CreateVersion7(), DefinitionId = definition.Id, DefinitionKey = "complaint", DefinitionVersion = 1,
            Status = InstanceStatus.Running.Name, StateJson = "{}", StartedAt = DateTimeOffset.UtcNow,
        };
        db.Instances.Add(instance);
        var task = new TaskRecord
        {
            Id = _taskId, InstanceId = instance.Id, LocalId = 1, DefinitionKey = "complaint", ElementId = "resolveComplaint",
            Name = "Resolve complaint", CandidateGroups = "agents", CreatedAt = DateTimeOffset.UtcNow, Status = UserTaskStatus.Open,
        };
        task.Candidates.Add(new TaskCandidate { Kind = TaskCandidate.Group, Name = "agents" });
        db.Tasks.Add(task);
        db.SaveChanges();
    }

    private sealed class NoPorts : ITimerScheduler, IOutboxDispatcher, IWorkflowNotifier
    {
        public void Schedule(Guid timerId, DateTimeOffset dueAt) { }
        public void Dispatch(Guid outboxId) { }
        public Task NotifyAsync(IReadOnlyList<WorkflowNotification> notifications, CancellationToken ct) => Task.CompletedTask;
    }
}
