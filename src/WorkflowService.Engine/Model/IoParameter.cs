using System.Collections.Immutable;

namespace WorkflowService.Engine.Model;

/// <summary>A <c>camunda:inputParameter</c> or <c>camunda:outputParameter</c>.</summary>
public sealed record IoParameter(string Name, IoValue Value);

/// <summary>The value of an input/output parameter: text (literal or expression), list or map.</summary>
public abstract record IoValue
{
    private protected IoValue() { }
}

/// <summary>Literal text or an expression (<c>${...}</c>); null when the parameter is empty.</summary>
public sealed record IoText(string? Text) : IoValue;

public sealed record IoList(ImmutableArray<IoValue> Items) : IoValue;

public sealed record IoMap(ImmutableArray<KeyValuePair<string, IoValue>> Entries) : IoValue;
