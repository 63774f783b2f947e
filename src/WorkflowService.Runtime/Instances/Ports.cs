using System.Text.Json;
using WorkflowService.Engine.Execution;

namespace WorkflowService.Runtime.Instances;

/// <summary>Schedules a timer row's execution at its due time (Hangfire in production).</summary>
public interface ITimerScheduler
{
    void Schedule(Guid timerId, DateTimeOffset dueAt);
}

/// <summary>Sends an outbox row (Hangfire job in production).</summary>
public interface IOutboxDispatcher
{
    void Dispatch(Guid outboxId);
}

/// <summary>Pushes notifications to connected users (SignalR in the web host; nothing elsewhere).</summary>
public interface IWorkflowNotifier
{
    Task NotifyAsync(IReadOnlyList<WorkflowNotification> notifications, CancellationToken ct);
}

internal sealed class NoNotifier : IWorkflowNotifier
{
    public Task NotifyAsync(IReadOnlyList<WorkflowNotification> notifications, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>
/// A service-task topic the service does itself, inside the step's transaction (e.g.
/// <c>send-email</c> writes an outbox row). The returned variables complete the task at once.
/// </summary>
public interface IInternalTopicHandler
{
    string Topic { get; }

    /// <exception cref="InternalTaskException">The task failed; the process gets an incident with this message.</exception>
    ValueTask<IReadOnlyDictionary<string, JsonElement>> HandleAsync(InternalTaskContext context, CancellationToken ct);
}

public sealed record InternalTaskContext(StepScope Scope, CreateExternalTask Task);

public sealed class InternalTaskException(string message) : Exception(message);
