using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Parsing;

/// <summary>
/// The nodes and the sequence flows whose both ends resolved, with the flows in and out of each
/// node in document order: what the structural rules look at.
/// </summary>
internal sealed class ProcessGraph
{
    private readonly Dictionary<string, List<SequenceFlow>> _outgoing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<SequenceFlow>> _incoming = new(StringComparer.Ordinal);

    public ProcessGraph(ProcessDraft draft, Dictionary<string, FlowNode> nodes, List<SequenceFlow> flows)
    {
        Draft = draft;
        Nodes = nodes;
        Flows = flows;
        foreach (var flow in flows)
        {
            Add(_outgoing, flow.SourceId, flow);
            Add(_incoming, flow.TargetId, flow);
        }
    }

    public ProcessDraft Draft { get; }
    public Dictionary<string, FlowNode> Nodes { get; }

    /// <summary>Resolved flows; rules may replace one (e.g. drop an ignored condition) by id.</summary>
    public List<SequenceFlow> Flows { get; }

    public IReadOnlyList<SequenceFlow> Outgoing(string nodeId) => _outgoing.TryGetValue(nodeId, out var f) ? f : [];

    public IReadOnlyList<SequenceFlow> Incoming(string nodeId) => _incoming.TryGetValue(nodeId, out var f) ? f : [];

    public void Replace(SequenceFlow flow)
    {
        var index = Flows.FindIndex(f => f.Id == flow.Id);
        if (index >= 0) Flows[index] = flow;
    }

    private static void Add(Dictionary<string, List<SequenceFlow>> index, string key, SequenceFlow flow)
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = [];
        list.Add(flow);
    }
}
