using System.Text.Json;
using WorkflowService.Runtime.Definitions;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Messages;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tasks;

namespace WorkflowService.Runtime.Tests.Support;

/// <summary>
/// A signed-in user as the runtime sees one: a <see cref="Tasks.Caller"/> handed to the runtime's
/// services (publish, start, task inbox, complete, messages, instance reads), as the API hands it.
/// Refusals come back as the runtime's exceptions (<see cref="NotFoundException"/>, ...).
/// </summary>
public sealed class RuntimeUser(RuntimeHost host, Caller caller)
{
    public Caller Caller => caller;

    public string UserName => caller.UserName;

    /// <summary>Publishes a BPMN file and returns its process key.</summary>
    public async Task<string> DeployAsync(string xml) =>
        (await host.Get<DefinitionService>().DeployAsync(xml, caller.UserName)).Definition.Key;

    public async Task<Guid> StartAsync(string definitionKey, object? variables = null, string? businessKey = null) =>
        (await host.Get<InstanceService>().StartAsync(definitionKey, businessKey, Variables(variables), caller)).Instance.Id;

    /// <summary>The single open task at <paramref name="elementId"/> of an instance that this user can see.</summary>
    public async Task<Guid> TaskIdAsync(Guid instanceId, string elementId)
    {
        var tasks = await TasksAsync(instanceId);
        var match = tasks.Where(t => t.ElementId == elementId).ToList();
        if (match.Count != 1)
            throw new Xunit.Sdk.XunitException($"Expected one open task '{elementId}' in {instanceId} for {UserName}, found: " +
                                               string.Join(", ", tasks.Select(t => t.ElementId)));
        return match[0].Id;
    }

    public async Task CompleteAsync(Guid instanceId, string elementId, object? variables = null) =>
        await host.Get<TaskService>().CompleteAsync(caller, await TaskIdAsync(instanceId, elementId), Variables(variables) ?? []);

    /// <summary>Completes the instance's last open task and checks that the instance has completed.</summary>
    public async Task FinishAsync(Guid instanceId, string elementId, object? variables = null)
    {
        await CompleteAsync(instanceId, elementId, variables);
        var status = (await InstanceAsync(instanceId)).Instance.Status;
        if (status != "Completed") throw new Xunit.Sdk.XunitException($"Instance {instanceId} is {status} after {elementId}, not Completed");
    }

    public Task<InstanceView> InstanceAsync(Guid id) => host.Get<InstanceService>().GetAsync(id, caller);

    /// <summary>The instances of a process this user can see, newest first.</summary>
    public Task<IReadOnlyList<InstanceHeader>> InstancesAsync(string definitionKey) =>
        host.Get<InstanceService>().ListAsync(definitionKey, null, 0, 500, caller);

    /// <summary>The open tasks this user can see, of one instance or of all.</summary>
    public Task<IReadOnlyList<TaskView>> TasksAsync(Guid? instanceId = null) =>
        host.Get<TaskService>().QueryAsync(caller, new TaskQuery { InstanceId = instanceId, Take = instanceId is null ? 500 : 50 });

    public Task<IReadOnlyList<BreachView>> BreachesAsync(Guid instanceId, string? rule = null) =>
        host.Get<InstanceService>().BreachesAsync(instanceId, rule, 0, 200);

    public Task<IReadOnlyList<InstanceHistoryEntry>> HistoryAsync(Guid instanceId) => host.Get<InstanceService>().HistoryAsync(instanceId, caller);

    /// <summary>Delivers a message as this user (only to instances they can see).</summary>
    public Task<MessageResult> SendMessageAsync(string name, string? businessKey = null, object? correlationKeys = null) =>
        host.Get<MessageCorrelator>().CorrelateAsync(new MessageRequest(name, businessKey,
            CorrelationKeys: Variables(correlationKeys), Caller: caller));

    /// <summary>An anonymous object's properties as workflow variables.</summary>
    public static Dictionary<string, JsonElement>? Variables(object? values) => values is null
        ? null
        : JsonSerializer.SerializeToElement(values).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
}
