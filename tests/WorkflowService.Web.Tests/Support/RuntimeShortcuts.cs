using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Tasks;

namespace WorkflowService.Web.Tests.Support;

/// <summary>Setting the stage through the runtime's own services, the way the API does it, without a signed-in caller.</summary>
public static class RuntimeShortcuts
{
    /// <summary>Who the shortcuts act as: an administrator named "test".</summary>
    public static Caller TestCaller { get; } = new("test", new HashSet<string>(), IsAdmin: true);

    public static async Task<Guid> StartAsync(this WorkflowHost host, string definitionKey, string? businessKey, object? variables = null)
    {
        var outcome = await host.Services.GetRequiredService<InstanceService>()
            .StartAsync(definitionKey, businessKey, variables is null ? null : Variables(variables), TestCaller);
        return outcome.Instance.Id;
    }

    /// <summary>Completes the open task at <paramref name="elementId"/> as the system (no visibility check).</summary>
    public static async Task CompleteAsync(this WorkflowHost host, Guid instanceId, string elementId, object values) =>
        await host.Services.GetRequiredService<TaskService>()
            .CompleteAsync(Caller.System, await host.OpenTaskAsync(instanceId, elementId), Variables(values));

    /// <summary>The id of the one open task at <paramref name="elementId"/> of an instance.</summary>
    public static async Task<Guid> OpenTaskAsync(this WorkflowHost host, Guid instanceId, string elementId)
    {
        var open = await host.Services.GetRequiredService<TaskService>()
            .QueryAsync(Caller.System, new TaskQuery { InstanceId = instanceId });
        return Assert.Single(open, t => t.ElementId == elementId).Id;
    }

    /// <summary>An anonymous object's properties as workflow variables.</summary>
    public static Dictionary<string, JsonElement> Variables(object values) =>
        JsonSerializer.SerializeToElement(values).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());

    public static async Task<IReadOnlyList<string>> ActiveElementsAsync(this WorkflowHost host, Guid instanceId) =>
        (await host.Services.GetRequiredService<InstanceService>().GetAsync(instanceId, Caller.System)).ActiveElementIds;
}
