using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Tests.Support;

/// <summary>Checks on an instance as <see cref="InstanceService"/> reads it, and on its history.</summary>
public static class InstanceAssertions
{
    /// <summary>The instance's whole shape: status, where its tokens are, its pending timers, no incident.</summary>
    public static void AssertShape(InstanceView instance, string status, string[] activeElementIds,
        params (string ElementId, DateTimeOffset DueAt)[] pendingTimers)
    {
        Assert.Equal(status, instance.Instance.Status);
        Assert.Equal(activeElementIds.Order(), instance.ActiveElementIds.Order());
        var timers = instance.PendingTimers.Select(t => (t.ElementId, t.DueAt)).OrderBy(t => t.ElementId).ToList();
        Assert.Equal(pendingTimers.OrderBy(t => t.ElementId).ToList(), timers);
        Assert.Empty(instance.State.Incidents);
    }

    /// <summary>
    /// The entries appear in this order (others may come between them), and the history's
    /// timestamps never go back.
    /// </summary>
    public static void AssertInOrder(IReadOnlyList<InstanceHistoryEntry> history, params (string ElementId, string Event)[] expected)
    {
        var entries = history.Select(h => (h.ElementId, h.Event)).ToList();
        var from = 0;
        foreach (var entry in expected)
        {
            var at = entries.FindIndex(from, e => e == entry);
            Assert.True(at >= 0, $"{entry} not found in order after position {from} in: {string.Join(", ", entries)}");
            from = at + 1;
        }
        var times = history.Select(h => h.At).ToList();
        Assert.Equal(times.Order(), times);
    }

    public static InstanceHistoryEntry Entry(IReadOnlyList<InstanceHistoryEntry> history, string elementId, string evt) =>
        Assert.Single(history, h => h.ElementId == elementId && h.Event == evt);

    /// <summary>The history rows of one element and event.</summary>
    public static List<InstanceHistoryEntry> Events(IReadOnlyList<InstanceHistoryEntry> history, string elementId, string evt) =>
        [.. history.Where(h => h.ElementId == elementId && h.Event == evt)];
}
