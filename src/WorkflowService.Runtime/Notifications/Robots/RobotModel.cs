using System.Text.Json;
using WorkflowService.Engine.Model;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Notifications.Robots;

/// <summary>
/// The template model's parts, as plain dictionaries. Names are the Chinese ones where the process gives them
/// (<c>name:zh-CN</c>), else as written: the group reads Chinese. <c>written</c> keeps the name as written.
/// </summary>
public static class RobotModel
{
    public const string Language = "zh-CN";

    public static Dictionary<string, object?> Instance(InstanceRecord instance, ProcessModel model, string baseUrl) => new(StringComparer.Ordinal)
    {
        ["id"] = instance.Id.ToString(),
        ["definitionKey"] = instance.DefinitionKey,
        ["businessKey"] = instance.BusinessKey,
        ["name"] = Translations.Pick(model.Properties, Translations.Name, model.Name, Language) ?? instance.DefinitionKey,
        ["written"] = model.Name,
        ["link"] = $"{baseUrl}/instances/{instance.Id}",
    };

    public static Dictionary<string, object?> Task(TaskRecord task, ProcessModel model, string baseUrl) => new(StringComparer.Ordinal)
    {
        ["id"] = task.Id.ToString(),
        ["name"] = (model.TryGetNode(task.ElementId, out var node)
            ? Translations.Pick(node.Properties, Translations.Name, task.Name, Language) : task.Name) ?? task.ElementId,
        ["elementId"] = task.ElementId,
        ["dueAt"] = task.DueAt,
        ["assignee"] = task.Assignee,
        ["candidateGroups"] = task.CandidateGroups,
        ["link"] = $"{baseUrl}/tasks/{task.Id}",
    };

    /// <summary>The process variables, for a template that shows the customer or the caller.</summary>
    public static Dictionary<string, object?> Map(IEnumerable<KeyValuePair<string, JsonElement>> properties) =>
        Mail.TemplateValues.Of(properties);
}
