namespace WorkflowService.Runtime.Instances;

/// <summary>
/// Queues this process's steps for SQLite's single write lock. A step holds that lock from its
/// BEGIN IMMEDIATE to its commit either way; without the gate, the steps that find it taken wait
/// in SQLite's busy handler, which sleeps 1, 2, 5, 10, 15... ms between tries and so leaves the
/// lock idle after it is released: four concurrent callers started fewer instances per second
/// than one. Queued here, the next step begins the moment the previous one commits. Writers
/// outside the runner, and other processes on the same file, still meet the busy handler as
/// before. PostgreSQL has row locks and concurrent writers: no gate.
/// </summary>
public sealed class StepWriteGate(bool serialize)
{
    private readonly SemaphoreSlim? _gate = serialize ? new SemaphoreSlim(1, 1) : null;

    /// <summary>Waits for this process's turn; dispose the result once the step's transaction has ended.</summary>
    public async ValueTask<Turn> EnterAsync(CancellationToken ct)
    {
        if (_gate is null) return default;
        await _gate.WaitAsync(ct);
        return new Turn(_gate);
    }

    public readonly struct Turn(SemaphoreSlim? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }
}
