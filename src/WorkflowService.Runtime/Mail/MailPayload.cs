using System.Text.Json;
using WorkflowService.Engine.Model;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Mail;

/// <summary>
/// The <c>PayloadJson</c> of an <c>email</c> outbox row: everything the sender needs, captured
/// in the step that decided to send. The mail describes the instance as it was then, even if it
/// goes out minutes later after retries; recipients are names until sending, so a group's
/// members are looked up when the mail actually leaves.
/// </summary>
public sealed record MailPayload
{
    /// <summary>User names, group names or email addresses, as the send task listed them.</summary>
    public required IReadOnlyList<string> To { get; init; }
    public IReadOnlyList<string> Cc { get; init; } = [];
    public required string Template { get; init; }
    public string? Subject { get; init; }
    public string? Rule { get; init; }

    /// <summary>The send task's element id, for logs.</summary>
    public string? ElementId { get; init; }
    public required MailInstance Instance { get; init; }
    public IReadOnlyDictionary<string, JsonElement> Variables { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>Inputs of the send task other than the ones above, for custom templates.</summary>
    public IReadOnlyDictionary<string, JsonElement> Inputs { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>The instance's open user tasks at that moment.</summary>
    public IReadOnlyList<MailTask> Tasks { get; init; } = [];

    /// <summary>The open task due first (tasks without a due date last), or null when none is open.</summary>
    public MailTask? Task { get; init; }

    /// <summary>Deep link to the instance.</summary>
    public required string Link { get; init; }

    /// <summary>Who the latest breach of <see cref="Rule"/> in this instance is charged to, when one is recorded.</summary>
    public MailBreach? Breach { get; init; }

    /// <summary>Files sent with the mail (a report's workbook); at most <see cref="MailAttachment.MaxTotalBytes"/> in all.</summary>
    public IReadOnlyList<MailAttachment> Attachments { get; init; } = [];

    public const string Kind = "email";

    // camelCase property names; dictionary keys (variable and input names) are kept as they are.
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    /// <exception cref="JsonException">Not a mail payload.</exception>
    public static MailPayload Deserialize(string json) =>
        JsonSerializer.Deserialize<MailPayload>(json, Json) ?? throw new JsonException("The mail payload is null");
}

/// <param name="Name">The process's name as written; <paramref name="Names"/> the same in other languages (by language).</param>
public sealed record MailInstance(Guid Id, string DefinitionKey, int Version, string? BusinessKey, string? Name = null,
    IReadOnlyDictionary<string, string>? Names = null)
{
    /// <summary>An instance as a mail shows it: its process's name as written and in other languages.</summary>
    public static MailInstance Of(InstanceRecord instance, ProcessModel model) =>
        new(instance.Id, instance.DefinitionKey, instance.DefinitionVersion, instance.BusinessKey,
            model.Name, Translations.Of(model.Properties, Translations.Name));
}

/// <param name="Link">Deep link to the task in the inbox.</param>
/// <param name="Names">The task's name in other languages, by language (a mail is read in both).</param>
public sealed record MailTask(Guid Id, string? Name, string ElementId, DateTimeOffset? DueAt, string? Assignee,
    IReadOnlyList<string> CandidateGroups, string Link, IReadOnlyDictionary<string, string>? Names = null)
{
    /// <summary>An open task as a mail shows it, linked under <paramref name="baseUrl"/> (no trailing slash).</summary>
    public static MailTask Of(TaskRecord task, ProcessModel model, string baseUrl) =>
        new(task.Id, task.Name, task.ElementId, task.DueAt, task.Assignee,
            task.CandidateGroups.Split(',', StringSplitOptions.RemoveEmptyEntries), $"{baseUrl}/tasks/{task.Id}",
            model.TryGetNode(task.ElementId, out var node) ? Translations.Of(node.Properties, Translations.Name) : null);
}

/// <summary>The person and group(s) a breach is charged to (either may be null).</summary>
public sealed record MailBreach(string? Responsible, string? ResponsibleGroup);
