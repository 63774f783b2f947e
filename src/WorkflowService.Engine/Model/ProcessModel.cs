using System.Collections.Frozen;
using System.Collections.Immutable;

namespace WorkflowService.Engine.Model;

/// <summary>
/// One executable process, immutable once built. Built by the parser from BPMN XML, or in code
/// by tests. The constructor checks referential integrity only; deploy-time rules (what the
/// engine can run) live in the parser's validator.
/// </summary>
public sealed class ProcessModel
{
    private readonly FrozenDictionary<string, FlowNode> _nodes;
    private readonly FrozenDictionary<string, SequenceFlow> _flows;
    private readonly FrozenDictionary<string, ImmutableArray<BoundaryEventNode>> _boundaryByHost;
    private readonly FrozenDictionary<string, ImmutableArray<FlowNode>> _childrenByScope;

    public ProcessModel(string key, string? name, IEnumerable<FlowNode> nodes, IEnumerable<SequenceFlow> flows,
        int line = 0)
    {
        Key = key;
        Name = name;
        Line = line;
        var nodeList = nodes.ToList();
        _nodes = nodeList.ToFrozenDictionary(n => n.Id, StringComparer.Ordinal);
        _flows = flows.ToFrozenDictionary(f => f.Id, StringComparer.Ordinal);

        foreach (var f in _flows.Values)
        {
            if (!_nodes.ContainsKey(f.SourceId) || !_nodes.ContainsKey(f.TargetId))
                throw new ArgumentException($"sequenceFlow '{f.Id}' connects unknown nodes '{f.SourceId}' -> '{f.TargetId}'");
        }

        _boundaryByHost = nodeList.OfType<BoundaryEventNode>()
            .GroupBy(b => b.AttachedToId, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray(), StringComparer.Ordinal);
        _childrenByScope = nodeList
            .GroupBy(n => n.ParentId ?? RootScope, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray(), StringComparer.Ordinal);
    }

    /// <summary>Scope key of the process level in <see cref="ChildrenOf"/>.</summary>
    public const string RootScope = "";

    /// <summary>The process id: the definition key.</summary>
    public string Key { get; }
    public string? Name { get; }
    public int Line { get; }

    /// <summary>
    /// Who may start the process (<c>camunda:candidateStarterUsers</c> / <c>camunda:candidateStarterGroups</c>).
    /// <see cref="ProcessStarters.Anyone"/> when the process names none.
    /// </summary>
    public ProcessStarters Starters { get; init; } = ProcessStarters.Anyone;

    /// <summary>The process's extension properties (<c>camunda:properties</c>), e.g. its name in other languages.</summary>
    public ImmutableDictionary<string, string> Properties { get; init; } = ImmutableDictionary<string, string>.Empty;

    public IReadOnlyCollection<FlowNode> Nodes => _nodes.Values;

    /// <summary>True when an element pauses SLA timers (<see cref="SlaProperties.SlaPause"/>): only then does a step look for pauses.</summary>
    public bool HasSlaPause => _hasSlaPause ??= _nodes.Values.Any(SlaProperties.PausesSla);

    private bool? _hasSlaPause;
    public IReadOnlyCollection<SequenceFlow> Flows => _flows.Values;

    public FlowNode Node(string id) =>
        _nodes.TryGetValue(id, out var n) ? n : throw new KeyNotFoundException($"Process '{Key}' has no element '{id}'");

    public bool TryGetNode(string id, out FlowNode node) => _nodes.TryGetValue(id, out node!);

    public SequenceFlow Flow(string id) =>
        _flows.TryGetValue(id, out var f) ? f : throw new KeyNotFoundException($"Process '{Key}' has no sequence flow '{id}'");

    /// <summary>Direct children of a scope (<see cref="RootScope"/> or a subprocess id).</summary>
    public ImmutableArray<FlowNode> ChildrenOf(string scopeId) =>
        _childrenByScope.TryGetValue(scopeId, out var c) ? c : [];

    public ImmutableArray<BoundaryEventNode> BoundaryEventsOf(string activityId) =>
        _boundaryByHost.TryGetValue(activityId, out var b) ? b : [];

    /// <summary>Start events directly in a scope (root or subprocess).</summary>
    public IEnumerable<StartEventNode> StartEventsOf(string scopeId) => ChildrenOf(scopeId).OfType<StartEventNode>();

    /// <summary>The none start event at process level, if there is one.</summary>
    public StartEventNode? NoneStartEvent =>
        StartEventsOf(RootScope).FirstOrDefault(s => s.Trigger is NoneTrigger);
}

/// <summary>The users and groups allowed to start a process; both empty means anyone may.</summary>
public sealed record ProcessStarters(ImmutableArray<string> Users, ImmutableArray<string> Groups)
{
    public static ProcessStarters Anyone { get; } = new([], []);

    public bool IsRestricted => Users.Length > 0 || Groups.Length > 0;

    public bool Allows(string user, IReadOnlySet<string> groups) =>
        !IsRestricted || Users.Contains(user, StringComparer.Ordinal) || Groups.Any(groups.Contains);
}
