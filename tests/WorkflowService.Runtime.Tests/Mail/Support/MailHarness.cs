using System.Collections.Immutable;
using System.Text.Json;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Model;
using WorkflowService.Runtime.Configuration;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Mail;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tests.Support;
using WorkflowService.Testing;

namespace WorkflowService.Runtime.Tests.Mail.Support;

/// <summary>
/// The mail parts wired by hand, as the host would wire them: a real SQLite file, the shipped
/// templates, a real Hangfire client over in-memory storage, a fake clock. Seeds one running
/// complaint instance with open tasks, users and a group. Runs the <c>send-email</c> handler
/// inside a step's transaction the way the command applier does: a refusal still commits the
/// step (the engine turns it into an incident), so "nothing written" is checked in the database.
/// </summary>
public sealed class MailHarness : IAsyncDisposable
{
    public const string SendTaskId = "complaintEscalationEmail";
    public const string FromAddress = "workflow@service.example.com";
    public const string Customer = "<script>alert('x')</script> 上海华为技术有限公司";

    private readonly List<BackgroundJobServer> _servers = [];

    /// <param name="smtpPort">The SMTP relay on 127.0.0.1; null: no <c>Smtp:Host</c>, mail goes to <c>.eml</c> files.</param>
    /// <param name="workflowsDirectory">Where <c>templates/</c> is; default: the repository's shipped <c>workflows/</c>.</param>
    public MailHarness(int? smtpPort = null, string? workflowsDirectory = null)
    {
        Folder = TempFolder.Create("mail-");
        Database = new TestDatabase(Folder);
        // An hour behind the real clock: a retry scheduled on this clock is already due for Hangfire,
        // which keeps real time, so a job server runs it as soon as it polls.
        Clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow().AddHours(-1));
        Smtp = new SmtpOptions
        {
            Host = smtpPort is null ? null : "127.0.0.1", Port = smtpPort ?? 25,
            From = $"WorkflowService 工作流 <{FromAddress}>",
            RetryDelays = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)],
        };
        Storage = new StorageOptions { DataDirectory = Path.Combine(Folder, "data") };
        App = new AppOptions { BaseUrl = "https://ws.example.com/" };
        Templates = new TemplateStore(workflowsDirectory ?? RepositoryPaths.Workflows);
        JobStorage = new InMemoryStorage();
        Jobs = new BackgroundJobClient(JobStorage);
        Handler = new SendEmailHandler(Templates, Options.Create(App));
        Seed();
    }

    public string Folder { get; }
    public TestDatabase Database { get; }
    public FakeTimeProvider Clock { get; }
    public SmtpOptions Smtp { get; }
    public StorageOptions Storage { get; }
    public AppOptions App { get; }
    public TemplateStore Templates { get; }
    public InMemoryStorage JobStorage { get; }
    public IBackgroundJobClient Jobs { get; }
    public SendEmailHandler Handler { get; }

    /// <summary>The one write batcher of the harness's "process" (every job it creates writes through it).</summary>
    private WriteBatcher Batcher => _batcher ??= new WriteBatcher(Database.Factory, new BatchingOptions(), 1, NullLogger<WriteBatcher>.Instance);
    private WriteBatcher? _batcher;

    public Guid InstanceId { get; } = Guid.CreateVersion7();
    public Guid CallBackTaskId { get; } = Guid.CreateVersion7();
    public Guid ResolveTaskId { get; } = Guid.CreateVersion7();
    /// <summary>Named in English with the Chinese beside (<see cref="Translations"/>), as a process owner may write it.</summary>
    public ProcessModel Model { get; } = new("complaint", "Complaint",
        [
            new ExternalTaskNode { Id = SendTaskId, Name = "Escalate to manager", XmlElementType = "sendTask", Topic = SendEmailHandler.TopicName },
            new UserTaskNode { Id = "callCustomerBack", Name = "Call customer back", Properties = ImmutableDictionary<string, string>.Empty.Add("name:zh-CN", "回拨客户") },
        ],
        []) { Properties = ImmutableDictionary<string, string>.Empty.Add("name:zh-CN", "投诉") };

    public ImmutableDictionary<string, JsonElement> Variables { get; set; } =
        VariableMap.Of(("customer", Customer), ("owner", "chen.jie"), ("from", "+86 21 5555 0101"), ("units", 12));

    public OutboxJob CreateJob() => new(Database.Factory,
        new TransactionRunner(Batcher, new TransientRetry(NullLogger<TransientRetry>.Instance)), Templates, Jobs, Options.Create(Smtp), Options.Create(Storage), Clock,
        NullLogger<OutboxJob>.Instance, Options.Create(App));

    /// <summary>Runs the send task in a committed step and returns the outbox row it wrote.</summary>
    public async Task<Guid> SendTaskAsync(params (string Name, object? Value)[] inputs)
    {
        var scope = await StepAsync(s => Handler.HandleAsync(Context(s, inputs), CancellationToken.None).AsTask());
        return Assert.Single(scope.Effects.Outbox);
    }

    /// <summary>Runs a send task that must be refused; the step still commits, as with an incident.</summary>
    public async Task<(InternalTaskException Error, StepScope Scope)> RefusedSendTaskAsync(params (string Name, object? Value)[] inputs)
    {
        InternalTaskException? error = null;
        var scope = await StepAsync(async s =>
            error = await Assert.ThrowsAsync<InternalTaskException>(() => Handler.HandleAsync(Context(s, inputs), CancellationToken.None).AsTask()));
        return (error!, scope);
    }

    /// <summary>One step of the seeded instance in one transaction, committed.</summary>
    public async Task<StepScope> StepAsync(Func<StepScope, Task> body)
    {
        await using var db = Database.Factory.Create();
        await using var tx = await db.Database.BeginTransactionAsync();
        var instance = await db.Instances.SingleAsync(i => i.Id == InstanceId);
        var scope = new StepScope(db, instance, Model, new InstanceState { DefinitionKey = "complaint", Variables = Variables },
            Clock.GetUtcNow());
        await body(scope);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return scope;
    }

    public static InternalTaskContext Context(StepScope scope, (string Name, object? Value)[] inputs) =>
        new(scope, new CreateExternalTask(7, SendTaskId, SendEmailHandler.TopicName, VariableMap.Of(inputs), 0));

    public Task<OutboxMessage> OutboxRowAsync(Guid id) =>
        Database.ReadAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.Id == id));

    public Task<List<OutboxMessage>> OutboxRowsAsync() => Database.ReadAsync(db => db.Outbox.AsNoTracking().ToListAsync());

    public MailPayload Payload(OutboxMessage row) => MailPayload.Deserialize(row.PayloadJson);

    /// <summary>A Hangfire server over the harness storage that runs <see cref="OutboxJob"/>s built here.</summary>
    public BackgroundJobServer StartJobServer()
    {
        var server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            WorkerCount = 1,
            SchedulePollingInterval = TimeSpan.FromMilliseconds(100),
            Activator = new HarnessActivator(this),
        }, JobStorage);
        _servers.Add(server);
        return server;
    }

    private void Seed()
    {
        var now = Clock.GetUtcNow();
        using var db = Database.Factory.Create();
        db.Instances.Add(new InstanceRecord
        {
            Id = InstanceId, DefinitionId = 1, DefinitionKey = "complaint", DefinitionVersion = 3, BusinessKey = "TS-2026-0042",
            Status = "Running", StateJson = "{}", StartedAt = now.AddDays(-3),
        });
        db.Tasks.AddRange(
            SeedTask(ResolveTaskId, 3, "resolveComplaint", "Resolve complaint", now.AddDays(2), UserTaskStatus.Open),
            SeedTask(CallBackTaskId, 4, "callCustomerBack", "Call customer back", now.AddHours(4), UserTaskStatus.Open),
            SeedTask(Guid.CreateVersion7(), 2, "recordComplaint", "Record complaint", now.AddHours(-1), UserTaskStatus.Completed));
        db.Users.AddRange(User("li.wei", "李伟", "li.wei@example.com"), User("wang.fang", "王芳", "wang.fang@example.com"),
            User("zhang.min", "Zhang Min", "zhang.min@example.com"), User("chen.jie", "陈杰", "chen.jie@example.com"),
            User("no.mail", "Nobody Mailable", null));
        db.Groups.Add(new GroupRecord
        {
            Name = "managers", DisplayName = "Service managers",
            Members = [new GroupMember { GroupName = "managers", UserName = "wang.fang" }, new GroupMember { GroupName = "managers", UserName = "zhang.min" }],
        });
        db.Groups.Add(new GroupRecord { Name = "empty-desk", DisplayName = "Nobody here" });
        db.SaveChanges();
    }

    private TaskRecord SeedTask(Guid id, int localId, string elementId, string name, DateTimeOffset due, string status) => new()
    {
        Id = id, InstanceId = InstanceId, LocalId = localId, DefinitionKey = "complaint", ElementId = elementId, Name = name,
        CandidateGroups = "complaint-desk", DueAt = due, CreatedAt = Clock.GetUtcNow().AddDays(-1), Status = status,
    };

    private static WorkflowUser User(string name, string displayName, string? email) => new()
    {
        UserName = name, NormalizedUserName = name.ToUpperInvariant(), Email = email, NormalizedEmail = email?.ToUpperInvariant(),
        DisplayName = displayName,
    };

    public async ValueTask DisposeAsync()
    {
        if (_batcher is not null) await _batcher.DisposeAsync();
        foreach (var server in _servers)
        {
            server.SendStop();
            await server.WaitForShutdownAsync(CancellationToken.None);
            server.Dispose();
        }
        TempFolder.TryDelete(Folder);
    }

    private sealed class HarnessActivator(MailHarness harness) : JobActivator
    {
        public override object ActivateJob(Type jobType) =>
            jobType == typeof(OutboxJob) ? harness.CreateJob() : base.ActivateJob(jobType);
    }
}
