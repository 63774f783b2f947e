using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkflowService.Engine.Execution;

/// <summary>The stored form of <see cref="InstanceState"/>: compact JSON that round-trips exactly.</summary>
public static class InstanceStateJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(InstanceState state) => JsonSerializer.Serialize(state, Options);

    public static InstanceState Deserialize(string json) =>
        JsonSerializer.Deserialize<InstanceState>(json, Options)
        ?? throw new JsonException("Instance state JSON is null");
}
