namespace WorkflowService.Runtime.Milestones;

/// <summary>
/// A fact reports count, kept when it happens rather than searched for in the history afterwards: the first time an
/// instance leaves one of <see cref="Elements"/> normally (a task completed, a subprocess finished, not interrupted).
/// With a <see cref="Rule"/>, the milestone also says whether a breach of that rule was ever recorded for its instance
/// (at the time, or later: recording the breach marks it); with a <see cref="Variable"/>, it keeps that variable's
/// value as it was when the element was left.
/// </summary>
/// <param name="Name">The milestone's name (e.g. <c>repair-done</c>): what reports ask for.</param>
/// <param name="Elements">The process definitions' keys and their elements whose first leaving is the milestone.</param>
public sealed record MilestoneDefinition(string Name, IReadOnlyList<(string DefinitionKey, string ElementId)> Elements,
    string? Rule = null, string? Variable = null);

/// <summary>
/// The milestones the service keeps, registered by whoever reports on them (<c>AddMilestone</c>); the Runtime knows no
/// process of its own. Looked up for every element an instance leaves, so by (process, element).
/// </summary>
public sealed class MilestoneRegistry
{
    private readonly Dictionary<(string DefinitionKey, string ElementId), List<MilestoneDefinition>> _byElement = [];
    private readonly List<MilestoneDefinition> _all = [];

    public MilestoneRegistry(IEnumerable<MilestoneDefinition> definitions)
    {
        foreach (var definition in definitions)
        {
            if (_all.Any(d => d.Name == definition.Name))
                throw new InvalidOperationException($"Milestone '{definition.Name}' is registered twice");
            _all.Add(definition);
            foreach (var element in definition.Elements.Distinct())
            {
                if (!_byElement.TryGetValue(element, out var list)) _byElement[element] = list = [];
                list.Add(definition);
            }
        }
    }

    public IReadOnlyList<MilestoneDefinition> All => _all;

    public bool IsEmpty => _all.Count == 0;

    /// <summary>The milestones reached by leaving <paramref name="elementId"/> of <paramref name="definitionKey"/>.</summary>
    public IReadOnlyList<MilestoneDefinition> Of(string definitionKey, string elementId) =>
        _byElement.TryGetValue((definitionKey, elementId), out var list) ? list : [];
}
