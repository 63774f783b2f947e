using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkflowService.Engine.Execution;

/// <summary>The lifecycle state of a process instance: a named value; final states never change.</summary>
[JsonConverter(typeof(InstanceStatusJsonConverter))]
public readonly record struct InstanceStatus
{
    private InstanceStatus(string name, bool isFinal) => (Name, IsFinal) = (name, isFinal);

    public string Name { get; }
    public bool IsFinal { get; }

    public static readonly InstanceStatus Running = new("Running", false);
    public static readonly InstanceStatus Completed = new("Completed", true);
    public static readonly InstanceStatus Cancelled = new("Cancelled", true);

    /// <summary>Set by a host when an instance can no longer be advanced (e.g. its state is unreadable).</summary>
    public static readonly InstanceStatus Failed = new("Failed", true);

    public static IReadOnlyList<InstanceStatus> All { get; } = [Running, Completed, Cancelled, Failed];

    public static InstanceStatus Parse(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)) is { Name: not null } s
            ? s
            : throw new FormatException($"Unknown instance status '{name}'; expected one of {string.Join(", ", All.Select(x => x.Name))}");

    public override string ToString() => Name;
}

internal sealed class InstanceStatusJsonConverter : JsonConverter<InstanceStatus>
{
    public override InstanceStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        InstanceStatus.Parse(reader.GetString() ?? "");

    public override void Write(Utf8JsonWriter writer, InstanceStatus value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Name);
}
