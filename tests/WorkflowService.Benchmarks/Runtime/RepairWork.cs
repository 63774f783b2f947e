using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Scheduling;
using WorkflowService.Runtime.Tasks;

namespace WorkflowService.Benchmarks.Runtime;

/// <summary>
/// The shipped repair process driven through the runtime's own services, as the API drives them
/// (minus HTTP), started as a work order starts it: start → acceptRequest waits with its 24 h SLA
/// timer handed to Hangfire; complete acceptRequest → the timer cancelled, dispatchEngineer waits.
/// </summary>
internal sealed class RepairWork(BenchHost host)
{
    public const string Key = "repair";

    /// <summary>A service-desk agent: acceptRequest and dispatchEngineer are offered to their group.</summary>
    public static readonly Caller DeskAgent = new("desk", new HashSet<string> { "service-desk" }, false);

    /// <summary>An engineer: none of the seeded tasks is offered to their group.</summary>
    public static readonly Caller Engineer = new("engineer", new HashSet<string> { "engineers" }, false);

    /// <summary>The work order's facts the process starts with (the interpreter benchmarks use the same).</summary>
    public static readonly IReadOnlyDictionary<string, JsonElement> OrderFacts =
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>("""
            {"customer":"ACME Ltd","contactPerson":"Li Wei","contactPhone":"+86 10 5555 0100","model":"X200",
             "serial":"356938035643809","units":25,"inWarranty":false}
            """)!;

    /// <summary>Valid acceptRequest values.</summary>
    public static readonly IReadOnlyDictionary<string, JsonElement> AcceptForm =
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>("""{"fault":"Does not power on","customerInformed":true}""")!;

    private readonly InstanceService _instances = host.Get<InstanceService>();
    private readonly TaskService _tasks = host.Get<TaskService>();

    public async Task<Guid> StartAsync(string businessKey) =>
        (await _instances.StartAsync(Key, businessKey, OrderFacts, DeskAgent)).Instance.Id;

    public Task CompleteAcceptAsync(Guid taskId) => _tasks.CompleteAsync(DeskAgent, taskId, AcceptForm);

    /// <summary>
    /// Open acceptRequest tasks the start benchmark created (business key <paramref name="prefix"/>…), oldest first: the work
    /// the completion benchmark does. The seeded population waits at acceptRequest too and is left alone.
    /// </summary>
    public async Task<List<Guid>> OpenAcceptTasksAsync(int count, string prefix = "bench-")
    {
        await using var db = host.Db();
        return await db.Tasks.AsNoTracking()
            .Where(t => t.Status == UserTaskStatus.Open && t.ElementId == "acceptRequest" && t.DefinitionKey == Key
                        && t.BusinessKey != null && t.BusinessKey.StartsWith(prefix))
            .OrderBy(t => t.CreatedAt).Select(t => t.Id).Take(count).ToListAsync();
    }

    /// <summary>The inbox a caller opens: their open tasks by due date, first page.</summary>
    public Task<IReadOnlyList<TaskView>> InboxAsync(Caller caller) =>
        _tasks.QueryAsync(caller, new TaskQuery { Sort = TaskSort.DueDate, Take = 50 });

    /// <summary>
    /// The pending timers the service hands to Hangfire now: those due within its horizon (with in-memory job storage
    /// the rest wait in the database until a sweep reaches them; <c>--set Scheduling:ArmHorizon=0</c> hands over all).
    /// </summary>
    public async Task<int> ArmedTimersAsync()
    {
        var until = host.Get<TimerHorizon>().Until(DateTimeOffset.UtcNow);
        await using var db = host.Db();
        return await db.Timers.CountAsync(t => t.Status == TimerStatus.Pending && t.DueAt <= until);
    }

    public async Task<(int OpenTasks, int PendingTimers)> CountAsync()
    {
        await using var db = host.Db();
        return (await db.Tasks.CountAsync(t => t.Status == UserTaskStatus.Open),
            await db.Timers.CountAsync(t => t.Status == TimerStatus.Pending));
    }
}
