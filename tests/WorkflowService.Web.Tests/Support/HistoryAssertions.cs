using System.Text.Json;

namespace WorkflowService.Web.Tests.Support;

/// <summary>Checks on an instance's history as <c>GET /api/instances/{id}/history</c> returns it.</summary>
public static class HistoryAssertions
{
    /// <summary>
    /// The entries appear in this order (others may come between them), and the history's
    /// timestamps never go back.
    /// </summary>
    public static void AssertInOrder(IReadOnlyList<JsonElement> history, params (string ElementId, string Event)[] expected)
    {
        var entries = history.Select(h => (h.GetProperty("elementId").GetString()!, h.GetProperty("event").GetString()!)).ToList();
        var from = 0;
        foreach (var entry in expected)
        {
            var at = entries.FindIndex(from, e => e == entry);
            Assert.True(at >= 0, $"{entry} not found in order after position {from} in: {string.Join(", ", entries)}");
            from = at + 1;
        }
        var times = history.Select(h => h.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);
    }

    public static JsonElement Entry(IReadOnlyList<JsonElement> history, string elementId, string evt) =>
        Assert.Single(history, h => h.GetProperty("elementId").GetString() == elementId && h.GetProperty("event").GetString() == evt);
}
