using System.ComponentModel.DataAnnotations;

namespace WorkflowService.Runtime.Calendars;

/// <summary><c>Calendars:*</c>: how fresh each node's copy of the calendars is.</summary>
public sealed class CalendarsOptions
{
    public const string Section = "Calendars";

    /// <summary>
    /// A node re-reads the calendars when its copy is older than this (another node may have saved
    /// one); a save on this node refreshes its copy at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(10);
}
