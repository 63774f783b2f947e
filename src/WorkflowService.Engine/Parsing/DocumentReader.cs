using System.Collections.Immutable;
using System.Xml.Linq;
using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Parsing;

/// <summary>
/// From a well-formed document to process models: checks it is BPMN, picks the processes to run,
/// reads and validates each. Models are returned only when the whole file is free of errors,
/// because a file is published as a unit.
/// </summary>
internal static class DocumentReader
{
    public static ImmutableArray<ProcessModel> Read(XDocument document, DiagnosticBag diagnostics)
    {
        var root = document.Root!;
        if (!root.IsBpmn() || root.LocalName() != "definitions")
        {
            diagnostics.Add(new BpmnDiagnostic(root.Id(), root.LocalName(), root.Line(),
                $"This is not a BPMN 2.0 file: the root element is '{root.LocalName()}' in namespace '{root.Name.NamespaceName}', expected 'definitions' in namespace '{BpmnXml.Bpmn.NamespaceName}'"));
            return [];
        }

        var index = new DefinitionsIndex(root);
        var processIds = new HashSet<string>(StringComparer.Ordinal);
        var models = new List<(ProcessDraft Draft, List<FlowNode> Nodes, List<SequenceFlow> Flows, ProcessStarters Starters)>();
        foreach (var process in SelectProcesses(root, diagnostics))
        {
            var id = process.Id();
            if (id is null)
            {
                diagnostics.Error(process, "Process without an id; the id is the key the process is started by");
                continue;
            }
            if (!processIds.Add(id))
            {
                diagnostics.Error(process, $"Process '{id}' is defined twice; process ids must be unique");
                continue;
            }
            var draft = new ProcessDraft(process, id, process.Attr("name") ?? index.ParticipantName(id));
            var ctx = new ReadContext(diagnostics, index, draft);
            draft.RegisterId(id, process, diagnostics);
            CommonNodeParts.CheckListeners(process, ctx);
            ScopeReader.Read(process, null, ctx);
            var (nodes, flows) = StructureValidator.Validate(draft, diagnostics);
            SlaRules.Check(process, nodes, diagnostics);
            models.Add((draft, nodes, flows, ReadStarters(process, diagnostics)));
        }

        if (diagnostics.HasErrors) return [];
        return [.. models.Select(m => new ProcessModel(m.Draft.Id, m.Draft.Name, m.Nodes, m.Flows, m.Draft.Element.Line())
            { Starters = m.Starters, Properties = CommonNodeParts.Properties(m.Draft.Element) })];
    }

    /// <summary>
    /// <c>camunda:candidateStarterUsers</c> / <c>camunda:candidateStarterGroups</c>: comma-separated
    /// literal lists. Who may start a process is decided before any instance exists, so there is
    /// nothing an expression could read: expressions are refused rather than silently ignored.
    /// </summary>
    private static ProcessStarters ReadStarters(XElement process, DiagnosticBag diagnostics)
    {
        ImmutableArray<string> List(string attribute)
        {
            var text = process.CamundaAttr(attribute);
            if (text is null) return [];
            if (text.Contains("${", StringComparison.Ordinal) || text.Contains("#{", StringComparison.Ordinal))
            {
                // Published before starter lists were enforced: ignored, as it was then.
                diagnostics.Policy(process, process,
                    $"camunda:{attribute} of process '{process.Id()}' is an expression ('{text}'); list the names, separated by commas");
                return [];
            }
            return [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)];
        }

        var users = List("candidateStarterUsers");
        var groups = List("candidateStarterGroups");
        return users.IsEmpty && groups.IsEmpty ? ProcessStarters.Anyone : new ProcessStarters(users, groups);
    }

    /// <summary>
    /// The processes marked executable; when a file marks none (as many modelers do), every
    /// process that has flow elements, with a warning. Pools of other participants are usually
    /// non-executable processes and are skipped once any process is marked executable.
    /// </summary>
    private static List<XElement> SelectProcesses(XElement root, DiagnosticBag diagnostics)
    {
        var processes = root.BpmnChildren("process").ToList();
        var executable = processes.Where(p => p.BoolAttr("isExecutable", fallback: false)).ToList();
        if (executable.Count > 0) return executable;

        var withFlowElements = processes.Where(ScopeReader.HasFlowElements).ToList();
        foreach (var process in withFlowElements)
        {
            diagnostics.Warning(process,
                $"Process '{process.Id()}' is not marked isExecutable=\"true\"; it is checked and run as if it were");
        }
        if (withFlowElements.Count == 0)
        {
            diagnostics.Error(root,
                "The file has no process to run: no process is marked isExecutable=\"true\" and none has flow elements");
        }
        return withFlowElements;
    }
}
