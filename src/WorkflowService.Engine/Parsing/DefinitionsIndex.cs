using System.Xml.Linq;

namespace WorkflowService.Engine.Parsing;

/// <summary>
/// The root-level elements that flow nodes refer to by id: messages, errors, escalations,
/// reusable event definitions and the participants that name processes.
/// </summary>
internal sealed class DefinitionsIndex
{
    private readonly Dictionary<string, XElement> _messages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, XElement> _errors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, XElement> _escalations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, XElement> _eventDefinitions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _participantNames = new(StringComparer.Ordinal);

    public DefinitionsIndex(XElement definitions)
    {
        foreach (var element in definitions.Elements().Where(e => e.IsBpmn()))
        {
            var id = element.Id();
            var local = element.LocalName();
            if (local == "collaboration")
            {
                IndexParticipants(element);
                continue;
            }
            if (id is null) continue;
            var index = local switch
            {
                "message" => _messages,
                "error" => _errors,
                "escalation" => _escalations,
                _ when local.EndsWith("EventDefinition", StringComparison.Ordinal) => _eventDefinitions,
                _ => null,
            };
            index?.TryAdd(id, element);
        }
    }

    public XElement? Message(string id) => _messages.GetValueOrDefault(id);

    public XElement? Error(string id) => _errors.GetValueOrDefault(id);

    public XElement? Escalation(string id) => _escalations.GetValueOrDefault(id);

    /// <summary>A root-level event definition that an event points at with <c>eventDefinitionRef</c>.</summary>
    public XElement? EventDefinition(string id) => _eventDefinitions.GetValueOrDefault(id);

    /// <summary>The name of the pool that shows the process, used when the process has no name.</summary>
    public string? ParticipantName(string processId) => _participantNames.GetValueOrDefault(processId);

    private void IndexParticipants(XElement collaboration)
    {
        foreach (var participant in collaboration.BpmnChildren("participant"))
        {
            var processRef = participant.RefAttr("processRef");
            var name = participant.Attr("name");
            if (processRef is not null && name is not null) _participantNames.TryAdd(processRef, name);
        }
    }
}
