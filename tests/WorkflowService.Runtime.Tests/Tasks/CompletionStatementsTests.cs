using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tasks;
using WorkflowService.Runtime.Tests.Support;

namespace WorkflowService.Runtime.Tests.Tasks;

/// <summary>
/// What a completion reads (issue 14, the completion path): the task and its instance's definition in one query before the
/// step (the form is checked outside the write turn), and in the step the task only among the instance's open tasks, which
/// closing it reads anyway. Two completions of one task at once still complete it once.
/// </summary>
public sealed class CompletionStatementsTests(CompletionStatementsTests.ListenedRuntime service)
    : IClassFixture<CompletionStatementsTests.ListenedRuntime>
{
    /// <summary>
    /// The runtime on the system clock, started once the test listens to EF Core's commands: EF Core caches for a while (a
    /// second, per context) that nobody listens, so a context used before would not report its next commands.
    /// </summary>
    public sealed class ListenedRuntime : RuntimeFixture
    {
        protected override Task<RuntimeSettings> SettingsAsync()
        {
            Statements.Listen();
            return Task.FromResult(new RuntimeSettings());
        }
    }

    private static readonly object Complaint = new { category = "delay", description = "Late", owner = "agent" };

    [Fact]
    public async Task A_completion_reads_its_task_once_before_the_step_and_once_in_it()
    {
        var (id, taskId) = await service.ComplaintToRecordAsync("statements");
        var agent = service.As("agent");
        var tasks = service.Host.Get<TaskService>();

        var completion = await Statements.DuringAsync(() => tasks.CompleteAsync(agent.Caller, taskId, RuntimeUser.Variables(Complaint)!));

        var described = string.Join("\n", completion.Select(s => $"{(s.InStep ? "in step" : "before")}: {s.Sql.Split('\n')[0]}…"));
        var before = completion.TakeWhile(s => !s.InStep).ToList();
        Assert.True(1 == before.Count(s => s.Reads("tasks") || s.Reads("instances")), described);
        Assert.True(1 == completion.Count(s => s.InStep && s.Reads("tasks")), described);
        Assert.True(1 == completion.Count(s => s.InStep && s.Reads("instances")), described);
        var row = await service.Host.ReadAsync(db => db.Tasks.AsNoTracking().SingleAsync(t => t.InstanceId == id && t.ElementId == "recordComplaint"));
        Assert.Equal((UserTaskStatus.Completed.Name, "agent"), (row.Status, row.CompletedBy));
    }

    [Fact]
    public async Task Two_completions_of_one_task_at_once_complete_it_once_and_refuse_the_other_as_a_conflict()
    {
        var (id, taskId) = await service.ComplaintToRecordAsync("twice-at-once");
        var agent = service.As("agent");
        var values = RuntimeUser.Variables(Complaint)!;
        var tasks = service.Host.Get<TaskService>();

        var both = new[] { tasks.CompleteAsync(agent.Caller, taskId, values), tasks.CompleteAsync(agent.Caller, taskId, values) };
        var outcomes = await Task.WhenAll(both.Select(async c =>
        {
            try
            {
                await c;
                return null;
            }
            catch (ConflictException ex)
            {
                return ex;
            }
        }));

        Assert.Single(outcomes, o => o is null);
        Assert.Contains("complete", Assert.Single(outcomes.OfType<ConflictException>()).Message, StringComparison.OrdinalIgnoreCase);
        var history = await agent.HistoryAsync(id);
        Assert.Single(history, h => h.ElementId == "recordComplaint" && h.Event == HistoryEvent.Left.Name);
    }

    /// <summary>A SQL command EF Core sent, and whether it ran in a transaction (the step's).</summary>
    private sealed record Statement(string Sql, bool InStep)
    {
        public bool Reads(string table) =>
            Sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && Sql.Contains($"FROM \"{table}\"", StringComparison.Ordinal);
    }

    /// <summary>
    /// The EF Core commands sent by one call and what it awaits (the flow is marked, so tests running beside it are not
    /// counted), through EF Core's DiagnosticListener: the runtime is composed as the service composes it.
    /// </summary>
    private sealed class Statements : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        private static readonly AsyncLocal<List<Statement>?> Current = new();
        private static readonly Statements Observer = new();
        private static readonly IDisposable Subscription = DiagnosticListener.AllListeners.Subscribe(Observer);

        public static void Listen() => GC.KeepAlive(Subscription);

        public static async Task<List<Statement>> DuringAsync(Func<Task> call)
        {
            var sent = new List<Statement>();
            Current.Value = sent;
            try
            {
                await call();
            }
            finally
            {
                Current.Value = null;
            }
            lock (sent) return [.. sent];
        }

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name) listener.Subscribe(this, name => name == RelationalEventId.CommandExecuted.Name);
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Value is CommandExecutedEventData executed && Current.Value is { } sent)
                lock (sent) sent.Add(new Statement(executed.Command.CommandText, executed.Command.Transaction is not null));
        }

        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }
}
