namespace WorkflowService.Runtime.Notifications.Personal;

/// <summary>
/// Tells the open pages of these people that their bell changed (SignalR in the web host; nothing elsewhere). The
/// push says nothing about the notice: each page asks for its own person's list, so nobody learns of another's.
/// </summary>
public interface IPersonalNoticePusher
{
    Task PushAsync(IReadOnlyCollection<string> users, CancellationToken ct);
}

internal sealed class NoPersonalNoticePusher : IPersonalNoticePusher
{
    public Task PushAsync(IReadOnlyCollection<string> users, CancellationToken ct) => Task.CompletedTask;
}
