namespace WorkflowService.Benchmarks.Support;

/// <summary>
/// A benchmark class whose operations move process tokens. The steps-per-second column asks it,
/// in the host process (the measurements come from a child process that shares nothing with the
/// host), how many interpreter steps one operation takes. The engine is deterministic, so a
/// single run of the operation gives the count every measured run has.
/// </summary>
public interface IStepCounter
{
    /// <summary>Nodes entered (ElementEntered commands) by one call of <paramref name="benchmark"/>.</summary>
    int StepsPerOperation(string benchmark);
}
