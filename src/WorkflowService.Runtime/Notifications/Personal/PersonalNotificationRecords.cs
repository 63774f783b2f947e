using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WorkflowService.Runtime.Notifications.Personal;

/// <summary>
/// One notice to one person about one of their tasks (<see cref="PersonalEvents"/>): the data its text is rendered from
/// in the reader's language (the task's name as written and in other languages, the order's business key, the due time,
/// who assigned it), a link, and when the person read it. Written once: the unique key on user, task, kind and
/// <see cref="Occurrence"/> makes a second node or a rerun of the sweep write nothing twice.
/// </summary>
public sealed class PersonalNotification
{
    public Guid Id { get; set; }

    /// <summary>The person's user name: the only one who ever sees the row.</summary>
    public required string UserName { get; set; }

    /// <summary>A <see cref="PersonalEvents"/> name: <c>task-assigned</c>, <c>task-due-soon</c>, <c>task-overdue</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>
    /// Tells apart two notices of one kind about one task: a task handed to the same person twice tells them twice (the
    /// task's revision at the assignment); a task is due soon or overdue once (always 0).
    /// </summary>
    public int Occurrence { get; set; }

    public Guid InstanceId { get; set; }
    public Guid TaskId { get; set; }
    public required string DefinitionKey { get; set; }

    /// <summary>The task's name as the process writes it; <see cref="TaskNamesJson"/> the same by language.</summary>
    public string? TaskName { get; set; }
    public string? TaskNamesJson { get; set; }

    /// <summary>The process's name as written; <see cref="ProcessNamesJson"/> the same by language.</summary>
    public string? ProcessName { get; set; }
    public string? ProcessNamesJson { get; set; }
    public string? BusinessKey { get; set; }
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>Who assigned the task (task-assigned); null when the process did.</summary>
    public string? Actor { get; set; }

    /// <summary>
    /// Shown in the person's bell: they chose in-app for this event. A row is written for an email-only choice as well,
    /// so the unique key also keeps the mail from going out twice; the bell does not show it.
    /// </summary>
    public bool InApp { get; set; }

    /// <summary>An email went into the outbox for it (the person chose email and has an address).</summary>
    public bool Emailed { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}

/// <summary>A person's choice of channels for one event; an event without a row follows <c>Notifications:Personal:Defaults</c>.</summary>
public sealed class NotificationPreference
{
    public required string UserName { get; set; }

    /// <summary>A <see cref="PersonalEvents"/> name.</summary>
    public required string Event { get; set; }
    public bool Email { get; set; }
    public bool InApp { get; set; }
}

internal sealed class PersonalNotificationConfiguration : IEntityTypeConfiguration<PersonalNotification>
{
    public void Configure(EntityTypeBuilder<PersonalNotification> e)
    {
        e.ToTable("personal_notifications");
        e.Property(n => n.UserName).HasMaxLength(256);
        e.Property(n => n.Kind).HasMaxLength(32);
        e.Property(n => n.DefinitionKey).HasMaxLength(200);
        // What makes a notice once-only, across nodes and reruns.
        e.HasIndex(n => new { n.UserName, n.TaskId, n.Kind, n.Occurrence }).IsUnique();
        // The bell: a person's notices, newest first, and the unread ones counted.
        e.HasIndex(n => new { n.UserName, n.CreatedAt });
        e.HasIndex(n => new { n.UserName, n.ReadAt });
        // The due-notice sweep: whether anyone (or the "nobody" marker) was told of a task's kind yet.
        e.HasIndex(n => new { n.TaskId, n.Kind });
    }
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> e)
    {
        e.ToTable("notification_preferences");
        e.HasKey(p => new { p.UserName, p.Event });
        e.Property(p => p.UserName).HasMaxLength(256);
        e.Property(p => p.Event).HasMaxLength(32);
    }
}
