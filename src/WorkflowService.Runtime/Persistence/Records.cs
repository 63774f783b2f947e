namespace WorkflowService.Runtime.Persistence;

/// <summary>A published version of a process. Immutable once written: new versions are new rows.</summary>
public sealed class DefinitionRecord
{
    public int Id { get; set; }
    public required string Key { get; set; }
    public int Version { get; set; }
    public string? Name { get; set; }
    public required string Xml { get; set; }

    /// <summary>SHA-256 of the XML: an unchanged file is not published again.</summary>
    public required string Hash { get; set; }
    public required string PublishedBy { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
}

/// <summary>A process owner's unpublished work on a process, one per key.</summary>
public sealed class DraftRecord
{
    public required string Key { get; set; }
    public required string Xml { get; set; }
    public required string SavedBy { get; set; }
    public DateTimeOffset SavedAt { get; set; }
}

public sealed class InstanceRecord
{
    public Guid Id { get; set; }
    public int DefinitionId { get; set; }
    public required string DefinitionKey { get; set; }
    public int DefinitionVersion { get; set; }
    public string? BusinessKey { get; set; }

    /// <summary>Running, Completed, Cancelled or Failed (see the engine's InstanceStatus).</summary>
    public required string Status { get; set; }

    /// <summary>The engine's InstanceState as JSON: the only truth about where the tokens are.</summary>
    public required string StateJson { get; set; }
    public string? StartedBy { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public int OpenIncidents { get; set; }

    /// <summary>Concurrency token: bumped on every step, so two writers of one instance cannot both win.</summary>
    public int Revision { get; set; }
}

/// <summary>A user task, denormalised for inbox queries.</summary>
public sealed class TaskRecord
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }

    /// <summary>The engine's id of the task within its instance.</summary>
    public int LocalId { get; set; }
    public required string DefinitionKey { get; set; }
    public required string ElementId { get; set; }
    public string? Name { get; set; }
    public string? BusinessKey { get; set; }
    public string? Assignee { get; set; }
    public string CandidateUsers { get; set; } = "";
    public string CandidateGroups { get; set; } = "";
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>
    /// The business calendar <see cref="DueAt"/> was counted in — <see cref="DueSpan"/> from <see cref="DueCountFrom"/> —
    /// so an edit of the calendar counts it again (<see cref="Scheduling.TimerRecompute"/>); null for a date or real time.
    /// </summary>
    public string? DueCalendar { get; set; }
    public DateTimeOffset? DueCountFrom { get; set; }
    public string? DueSpan { get; set; }
    public DateTimeOffset? FollowUpAt { get; set; }
    public int Priority { get; set; }
    public string? FormKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>A <see cref="UserTaskStatus"/>'s name.</summary>
    public required string Status { get; set; }
    public string? CompletedBy { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public List<TaskCandidate> Candidates { get; set; } = [];

    /// <summary>Concurrency token for claim/unclaim races.</summary>
    public int Revision { get; set; }
}

/// <summary>One candidate user or group of an open task: what the inbox query joins on.</summary>
public sealed class TaskCandidate
{
    public Guid TaskId { get; set; }

    /// <summary>"user" or "group".</summary>
    public required string Kind { get; set; }
    public required string Name { get; set; }

    /// <summary>
    /// The task's due date (set once, when the task is created), copied here so that the inbox can
    /// walk one group's tasks in due order on one index and stop after a page.
    /// </summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>
    /// The task's priority (set once, when the task is created), copied here for the same reason: tasks of the same due
    /// date, and tasks without one, are walked in priority order on the same index.
    /// </summary>
    public int Priority { get; set; }

    public const string User = "user";
    public const string Group = "group";
}

/// <summary>
/// A pending timer: the database is the source of truth, Hangfire only executes. Instance timers
/// carry the engine's subscription id; start timers of a definition carry the definition id.
/// </summary>
public sealed class TimerRecord
{
    public Guid Id { get; set; }
    public Guid? InstanceId { get; set; }
    public int? SubscriptionId { get; set; }
    public int? DefinitionId { get; set; }
    public required string ElementId { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public string? SlaRule { get; set; }

    /// <summary>A <see cref="TimerStatus"/>'s name.</summary>
    public required string Status { get; set; }
    public DateTimeOffset? FiredAt { get; set; }

    /// <summary>Start timers only: the repeating interval and how many firings remain (null: unbounded).</summary>
    public string? CycleInterval { get; set; }
    public int? CycleRemaining { get; set; }

    /// <summary>The business calendar <see cref="Span"/> counts in; null: real time.</summary>
    public string? Calendar { get; set; }

    /// <summary>
    /// <see cref="DueAt"/> is <see cref="Span"/> (ISO 8601) counted from here in <see cref="Calendar"/>: what a
    /// calendar edit computes again. Null span: a date, which no edit moves.
    /// </summary>
    public DateTimeOffset? CountFrom { get; set; }
    public string? Span { get; set; }

    /// <summary>A warning before an SLA timer's breach (<c>warnAt</c>), at this percentage of its span; null: the timer itself.</summary>
    public int? WarnMark { get; set; }

    /// <summary>While <see cref="TimerStatus.Paused"/>: the time that was left (working time in its calendar).</summary>
    public TimeSpan? Left { get; set; }
}

public sealed class MessageSubscriptionRecord
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public int SubscriptionId { get; set; }
    public required string ElementId { get; set; }
    public required string MessageName { get; set; }
    public string? BusinessKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Work for an outside worker (ERP, PBX...), fetched and locked through the API.</summary>
public sealed class ExternalTaskRecord
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public int LocalId { get; set; }
    public required string ElementId { get; set; }
    public required string Topic { get; set; }
    public required string InputsJson { get; set; }
    public int Priority { get; set; }

    /// <summary>An <see cref="ExternalTaskStatus"/>'s name.</summary>
    public required string Status { get; set; }
    public string? WorkerId { get; set; }
    public DateTimeOffset? LockExpiresAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? ErrorMessage { get; set; }
    public int Revision { get; set; }
}

/// <summary>
/// A milestone an instance reached (<see cref="Milestones.MilestoneDefinition"/>): the first time it left one of the
/// milestone's elements, whether a breach of the milestone's rule was ever recorded for it, and the milestone's variable
/// as it was then. One row per instance and milestone; kept in the step that reaches it, for reports to count.
/// </summary>
public sealed class MilestoneRecord
{
    public Guid InstanceId { get; set; }
    public required string Name { get; set; }
    public required string DefinitionKey { get; set; }
    public required string ElementId { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The rule that judges the milestone, if any; <see cref="Breached"/> says whether a breach of it was recorded.</summary>
    public string? Rule { get; set; }
    public bool Breached { get; set; }

    /// <summary>The milestone's variable as JSON text when the element was left (null: no variable, or the instance had none).</summary>
    public string? Value { get; set; }

    /// <summary><see cref="Value"/> as a number, when it is one (a JSON number, or a string holding one): for averages in SQL.</summary>
    public double? Number { get; set; }
}

/// <summary>A broken service rule: which rule, on what, when it was due and when it was seen.</summary>
public sealed class BreachRecord
{
    public long Id { get; set; }
    public required string Rule { get; set; }
    public Guid InstanceId { get; set; }
    public required string DefinitionKey { get; set; }
    public string? BusinessKey { get; set; }
    public required string ElementId { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset DetectedAt { get; set; }

    /// <summary>
    /// The person charged (a user name): the process's <c>responsible</c> property, else the assignee of
    /// the late task or of the oldest assigned task inside a late subprocess; null when nobody held it.
    /// </summary>
    public string? Responsible { get; set; }

    /// <summary>The group(s) charged, comma-separated: the <c>responsibleGroup</c> property, else the late tasks' candidate groups.</summary>
    public string? ResponsibleGroup { get; set; }

    /// <summary>Why the process's own <c>responsible</c> property named nobody (its expression failed), when it did.</summary>
    public string? ResponsibleNote { get; set; }
}

/// <summary>An effect that leaves the process (an email), written in the step's transaction and sent after.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }
    public Guid? InstanceId { get; set; }
    public required string Kind { get; set; }
    public required string PayloadJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>An <see cref="OutboxStatus"/>'s name.</summary>
    public required string Status { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}

/// <summary>What happened in an instance: element entered/left, incidents, by whom, when.</summary>
public sealed class HistoryRecord
{
    public long Id { get; set; }
    public Guid InstanceId { get; set; }
    public required string ElementId { get; set; }
    public string? ElementName { get; set; }

    /// <summary>A <see cref="HistoryEvent"/>'s name.</summary>
    public required string Event { get; set; }
    public int TokenId { get; set; }
    public DateTimeOffset At { get; set; }
    public string? By { get; set; }
    public string? Detail { get; set; }
}

/// <summary>A group of users: the candidate groups of the BPMN user tasks.</summary>
public sealed class GroupRecord
{
    public required string Name { get; set; }
    public string? DisplayName { get; set; }
    public List<GroupMember> Members { get; set; } = [];
}

public sealed class GroupMember
{
    public required string GroupName { get; set; }
    public required string UserName { get; set; }
}

/// <summary>One change to the staff, their groups or their access: who did what to whom, and when.</summary>
public sealed class AuditRecord
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The user name of who made the change.</summary>
    public required string Actor { get; set; }

    /// <summary>What was done, e.g. <c>user.disabled</c> (<see cref="Staff.AuditActions"/>).</summary>
    public required string Action { get; set; }

    /// <summary>Whom or what it was done to: a user name, or <c>group:engineers</c>.</summary>
    public required string Target { get; set; }

    /// <summary>What changed, in words (never a password).</summary>
    public string? Details { get; set; }
}

/// <summary>A bearer token revoked before it expired; kept until then, and no longer.</summary>
public sealed class RevokedTokenRecord
{
    public required string TokenId { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}
