using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowService.Runtime.Definitions;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tasks;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Tasks;

/// <summary>
/// The inbox (a non-admin caller's open tasks by due date) takes its own path: one index walk per
/// way a task can be visible, merged. It must give exactly what the general query gives:
/// the same tasks, in the same order, page by page, with the other filters applied.
/// </summary>
public sealed class InboxQueryTests : IAsyncLifetime
{
    private readonly WorkflowHost _host = new();

    private static readonly Caller Agent = new("inbox-agent", new HashSet<string> { "inbox-a", "inbox-b" }, false);

    private static string OneTask(string key) => TestBpmn.Process(key, $"""
        <bpmn:startEvent id="start" />
        <bpmn:userTask id="work" name="work" camunda:candidateGroups="{"${groups}"}" camunda:candidateUsers="{"${users}"}"
                       camunda:dueDate="{"${due}"}" camunda:priority="{"${prio}"}" />
        <bpmn:endEvent id="done" />
        {TestBpmn.Flows("start", "work", "done")}
        """);

    public async Task InitializeAsync()
    {
        var deploy = _host.Services.GetRequiredService<DefinitionService>();
        await deploy.DeployAsync(OneTask("inbox-one"), "test");
        await deploy.DeployAsync(OneTask("inbox-two"), "test");
        var now = DateTimeOffset.UtcNow;
        // Offered to one group, to both (once in the inbox), to the agent by name, to nobody they are in;
        // dated in the past and the future (all apart), and undated (all of different priorities).
        var offers = new (string Groups, string Users)[]
            { ("inbox-a", ""), ("inbox-b", ""), ("inbox-a,inbox-b", ""), ("", "inbox-agent"), ("inbox-c", ""), ("inbox-c", "someone") };
        for (var i = 0; i < 96; i++)
        {
            var (groups, users) = offers[i % offers.Length];
            string? due = i % 7 == 3 ? null : (now + TimeSpan.FromMinutes(97 * i % 211 - 100)).ToString("O");
            await _host.StartAsync(i % 2 == 0 ? "inbox-one" : "inbox-two", $"inbox-{i}",
                new { groups, users, due, prio = i * 37 % 101 });
        }
        // Some claimed by the agent (theirs now), some by another user (gone from the agent's inbox).
        await using var db = _host.Services.GetRequiredService<WorkflowDbFactory>().Create();
        var open = await db.Tasks.Where(t => t.Status == UserTaskStatus.Open).OrderBy(t => t.BusinessKey).ToListAsync();
        foreach (var (task, n) in open.Select((t, n) => (t, n)).Where(x => x.n % 9 == 0)) task.Assignee = n % 2 == 0 ? Agent.UserName : "other";
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<int, int, string?, bool> Queries => new()
    {
        { 0, 50, null, false }, { 10, 7, null, false }, { 40, 50, null, false }, { 0, 500, null, false },
        { 0, 50, "inbox-two", false }, { 3, 5, null, true },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Gives_the_tasks_of_the_general_query_in_its_order(int skip, int take, string? definitionKey, bool overdue)
    {
        var query = new TaskQuery { Skip = skip, Take = take, DefinitionKey = definitionKey, Overdue = overdue };
        var inbox = await _host.Services.GetRequiredService<TaskService>().QueryAsync(Agent, query);

        await using var db = _host.Services.GetRequiredService<WorkflowDbFactory>().Create();
        var general = await db.Tasks.AsNoTracking().VisibleTo(Agent).Matching(query, DateTimeOffset.UtcNow).ToListAsync();
        Assert.NotEmpty(general);
        Assert.Equal(general.Select(t => Describe(t.BusinessKey, t.DueAt, t.Priority, t.Assignee)),
            inbox.Select(t => Describe(t.BusinessKey, t.DueAt, t.Priority, t.Assignee)));
    }

    private static string Describe(string? businessKey, DateTimeOffset? dueAt, int priority, string? assignee) =>
        $"{businessKey} due {dueAt:O} prio {priority} assignee {assignee}";
}
