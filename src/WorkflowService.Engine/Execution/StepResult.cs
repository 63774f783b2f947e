using System.Collections.Immutable;

namespace WorkflowService.Engine.Execution;

/// <summary>
/// The outcome of <c>Start</c> or <c>Handle</c>: the new state and the commands to apply.
/// An event that no longer applies (a timer already fired, a task already completed) is
/// <see cref="Ignored"/>: the state is unchanged, there are no commands, and the reason says why.
/// </summary>
public sealed record StepResult(InstanceState State, ImmutableArray<EngineCommand> Commands, string? IgnoredReason = null)
{
    public bool Ignored => IgnoredReason is not null;
}
