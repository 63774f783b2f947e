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

    /// <summary>
    /// The process variables, for a template that shows the customer or the caller: text typed at the desk or sent by
    /// the PBX, so each string is made inert in the chat's markdown (<see cref="Inert"/>).
    /// </summary>
    public static Dictionary<string, object?> Variables(IEnumerable<KeyValuePair<string, JsonElement>> variables) =>
        (Dictionary<string, object?>)Neutralize(Mail.TemplateValues.Of(variables))!;

    /// <summary>
    /// A value made inert in WeCom, DingTalk and Feishu markdown: the characters that open a mention (<c>&lt;@all&gt;</c>,
    /// <c>&lt;at id=all&gt;</c>), a link or an image (<c>[…](…)</c>), emphasis, code or a heading become their full-width
    /// forms, which read the same to a Chinese reader and mean nothing to the chat; a line break becomes a space, so a
    /// value cannot start a line of its own. Escaping with a backslash is not used: not every kind honours it.
    /// </summary>
    public static string Inert(string text)
    {
        var result = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
            result.Append(c switch
            {
                '<' => '＜', '>' => '＞', '[' => '［', ']' => '］', '*' => '＊', '_' => '＿', '`' => '｀', '#' => '＃', '~' => '～',
                '\r' or '\n' => ' ',
                _ => c,
            });
        return result.ToString();
    }

    private static object? Neutralize(object? value) => value switch
    {
        string text => Inert(text),
        Dictionary<string, object?> map => map.ToDictionary(p => p.Key, p => Neutralize(p.Value), StringComparer.Ordinal),
        List<object?> list => list.Select(Neutralize).ToList(),
        _ => value,
    };
}
