using System.Text.Json;

namespace WorkflowService.Runtime.Notifications.Robots;

/// <summary>
/// The <c>PayloadJson</c> of a <c>robot</c> outbox row: one message for one robot, rendered in the step that
/// decided to send it (it says what was true then). The robot is named, not copied: its URL and secret are
/// looked up at each attempt, so they never sit in the outbox, and a fixed secret helps the retries. The
/// signature is computed per attempt too (it is valid for an hour); the row's id, logged on each attempt, is
/// the notification's stable id and is not in the message.
/// </summary>
public sealed record RobotPayload
{
    public const string Kind = "robot";

    public required string Robot { get; init; }
    public required string Event { get; init; }
    public required string Title { get; init; }
    public required string Markdown { get; init; }
    public string? Link { get; init; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    /// <exception cref="JsonException">Not a robot payload.</exception>
    public static RobotPayload Deserialize(string json) =>
        JsonSerializer.Deserialize<RobotPayload>(json, Json) ?? throw new JsonException("The robot payload is null");

    public RobotMessage Message => new(Title, Markdown);
}
