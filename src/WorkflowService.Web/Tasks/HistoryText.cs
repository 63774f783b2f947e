using WorkflowService.Runtime.Persistence;
using WorkflowService.Web.Localization;

namespace WorkflowService.Web.Tasks;

/// <summary>The instance history's event names (written by the runtime's CommandApplier) in the user's language.</summary>
public static class HistoryText
{
    /// <summary>Element events, incidents, and the instance's final states.</summary>
    public static readonly string[] Events = [.. HistoryEvent.All.Select(e => e.Name)];

    public static string Key(string evt) => $"Task.History.Event.{evt}";

    /// <summary>An event this page does not know yet is shown as the runtime wrote it rather than hidden.</summary>
    public static string Describe(T t, string evt) => Events.Contains(evt) ? t[Key(evt)] : evt;
}
