using System.Xml;

namespace WorkflowService.Runtime.Notifications.Personal;

/// <summary>The events a person may be told about, by their names in settings, the API and the email templates.</summary>
public static class PersonalEvents
{
    public const string TaskAssigned = "task-assigned";
    public const string TaskDueSoon = "task-due-soon";
    public const string TaskOverdue = "task-overdue";

    public static IReadOnlyList<string> All { get; } = [TaskAssigned, TaskDueSoon, TaskOverdue];

    public static bool IsKnown(string? name) => name is not null && All.Contains(name, StringComparer.Ordinal);
}

/// <summary>Email and/or in-app for one event.</summary>
public sealed record ChannelChoice(bool Email, bool InApp);

/// <summary>One event's default in settings; a channel left out keeps the built-in default.</summary>
public sealed class ChannelDefault
{
    public bool? Email { get; set; }
    public bool? InApp { get; set; }
}

/// <summary><c>Notifications:Personal:*</c>: what a person is told by default, and how early "due soon" is.</summary>
public sealed class PersonalNotificationOptions
{
    public const string Section = "Notifications:Personal";

    /// <summary>By event name (<c>task-assigned</c>...): the channels of a person who has not chosen.</summary>
    public Dictionary<string, ChannelDefault> Defaults { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the every-minute due sweep runs (tests turn it off and run the sweep themselves).</summary>
    public bool DueSweep { get; set; } = true;

    /// <summary>How long before its due time a task is "due soon": ISO 8601 (<c>PT2H</c>) or <c>hh:mm:ss</c>.</summary>
    public string DueSoonLead { get; set; } = "PT2H";

    /// <summary>In-app for all three; email only when a task is overdue (the one that cannot wait for a look at the bell).</summary>
    private static ChannelChoice BuiltIn(string name) => new(Email: name == PersonalEvents.TaskOverdue, InApp: true);

    public ChannelChoice DefaultFor(string name)
    {
        var builtIn = BuiltIn(name);
        // The binder may replace the dictionary with one that compares case-sensitively: look the name up without case.
        var set = Defaults.FirstOrDefault(d => string.Equals(d.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
        return set is null ? builtIn : new ChannelChoice(set.Email ?? builtIn.Email, set.InApp ?? builtIn.InApp);
    }

    /// <summary>The lead as a span; null when the setting is not a positive duration.</summary>
    public TimeSpan? Lead
    {
        get
        {
            var text = DueSoonLead.Trim();
            TimeSpan lead;
            try
            {
                lead = text.StartsWith('P') ? XmlConvert.ToTimeSpan(text) : TimeSpan.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is FormatException or OverflowException)
            {
                return null;
            }
            return lead > TimeSpan.Zero ? lead : null;
        }
    }

    /// <summary>Unknown event names in <see cref="Defaults"/> are a typo that would silently do nothing.</summary>
    public bool DefaultsNameKnownEvents => Defaults.Keys.All(k => PersonalEvents.All.Contains(k, StringComparer.OrdinalIgnoreCase));
}
