using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkflowCore.Interface;
using WorkflowCore.Models;
using WorkflowCore.Models.LifeCycleEvents;
using WorkflowCore.Primitives;

namespace WorkflowService.Benchmarks.Peer;

/// <summary>
/// WorkflowCore 3.22 on its default in-memory persistence, single-node queue and lock providers
/// (its SQLite persistence package is not served here). <see cref="PeerWorkflow"/> is the workload:
/// a step, <c>WaitFor("peer-event", data =&gt; data.Key)</c>, a step, end. Starting and publishing
/// only enqueue work; the steps run on WorkflowCore's background consumers, so the settle calls
/// count instances whose wait step has started (its life-cycle event; the subscription is written
/// right after) and instances whose last step has run.
/// </summary>
internal sealed class WorkflowCorePeer : IPeerEngine
{
    public const string EventName = "peer-event";

    private readonly ServiceProvider _services;
    private readonly IWorkflowHost _host;
    private readonly PeerCounters _counters;

    private WorkflowCorePeer(ServiceProvider services)
    {
        _services = services;
        _host = services.GetRequiredService<IWorkflowHost>();
        _counters = services.GetRequiredService<PeerCounters>();
    }

    public string Engine => "WorkflowCore 3.22.0";
    public string Storage => "in memory";

    public static WorkflowCorePeer Start()
    {
        var services = new ServiceCollection()
            .AddLogging(b => b.AddConsole().SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<PeerCounters>()
            .AddTransient<PeerBegin>()
            .AddTransient<PeerFinish>();
        services.AddWorkflow(o => o.EnableLifeCycleEventsPublisher = true);
        var peer = new WorkflowCorePeer(services.BuildServiceProvider());
        peer._host.RegisterWorkflow<PeerWorkflow, PeerData>();
        var waitStep = peer._services.GetRequiredService<IWorkflowRegistry>().GetDefinition(PeerWorkflow.Id, PeerWorkflow.Version)
            .Steps.Single(s => s.BodyType == typeof(WaitFor)).Id;
        // A step's StepStarted comes again when it resumes: instances are counted once.
        peer._host.OnLifeCycleEvent += e =>
        {
            if (e is StepStarted started && started.StepId == waitStep) peer._counters.Waiting(started.WorkflowInstanceId);
        };
        peer._host.Start();
        return peer;
    }

    public Task StartAsync(string key) => _host.StartWorkflow(PeerWorkflow.Id, PeerWorkflow.Version, new PeerData { Key = key });

    public Task SettleStartsAsync(int total, TimeSpan timeout) =>
        Settle.UntilAsync(() => Task.FromResult(_counters.AtWait), total, timeout, "WorkflowCore instances at the wait");

    public Task PublishAsync(string key) => _host.PublishEvent(EventName, key, null);

    public Task SettleEndsAsync(int total, TimeSpan timeout) =>
        Settle.UntilAsync(() => Task.FromResult(_counters.Finished), total, timeout, "WorkflowCore instances ended");

    public Task<int> EndedAsync() => Task.FromResult(_counters.Finished);

    public async ValueTask DisposeAsync()
    {
        _host.Stop();
        await _services.DisposeAsync();
    }
}

/// <summary>How many instances reached the wait and ran their last step (WorkflowCore resolves step bodies from DI).</summary>
internal sealed class PeerCounters
{
    private readonly ConcurrentDictionary<string, bool> _atWait = new();
    private int _finished;

    public int AtWait => _atWait.Count;
    public int Finished => Volatile.Read(ref _finished);
    public void Waiting(string instanceId) => _atWait.TryAdd(instanceId, true);
    public void Finish() => Interlocked.Increment(ref _finished);
}

internal sealed class PeerData
{
    public string Key { get; set; } = "";
}

internal sealed class PeerWorkflow : IWorkflow<PeerData>
{
    public const string Id = "peer";
    public const int Version = 1;

    string IWorkflow<PeerData>.Id => Id;
    int IWorkflow<PeerData>.Version => Version;

    public void Build(IWorkflowBuilder<PeerData> builder) => builder
        .StartWith<PeerBegin>()
        .WaitFor(WorkflowCorePeer.EventName, data => data.Key)
        .Then<PeerFinish>();
}

internal sealed class PeerBegin : StepBody
{
    public override ExecutionResult Run(IStepExecutionContext context) => ExecutionResult.Next();
}

internal sealed class PeerFinish(PeerCounters counters) : StepBody
{
    public override ExecutionResult Run(IStepExecutionContext context)
    {
        counters.Finish();
        return ExecutionResult.Next();
    }
}
