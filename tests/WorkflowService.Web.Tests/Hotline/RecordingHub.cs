using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using WorkflowService.Web.Hubs;

namespace WorkflowService.Web.Tests.Hotline;

/// <summary>What the service sent over the live-updates hub: to which SignalR groups, which event, with what.</summary>
public sealed record HubMessage(IReadOnlyList<string> Groups, string Method, object?[] Args);

/// <summary>
/// Stands in for the hub's context: every message the service sends is kept (with its audience), none is delivered.
/// The audience is what decides who sees a ringing call; the hub's own membership rules (a connection joins its user's
/// and its candidate groups' SignalR groups) are the hub's and are tested with it.
/// </summary>
public sealed class RecordingHub : IHubContext<WorkflowHub>
{
    public ConcurrentQueue<HubMessage> Sent { get; } = new();

    public RecordingHub() => Clients = new Audiences(this);

    public IHubClients Clients { get; }
    public IGroupManager Groups { get; } = new NoGroups();

    /// <summary>The messages of <paramref name="method"/> whose first argument's text contains <paramref name="marker"/>.</summary>
    public List<HubMessage> Of(string method, string marker) =>
        [.. Sent.Where(m => m.Method == method && m.Args.Length > 0 && m.Args[0]?.ToString()?.Contains(marker, StringComparison.Ordinal) == true)];

    private sealed class Audiences(RecordingHub hub) : IHubClients
    {
        private Proxy To(params string[] groups) => new(hub, groups);

        public IClientProxy All => To("*");
        public IClientProxy AllExcept(IReadOnlyList<string> excludedConnectionIds) => To("*");
        public IClientProxy Client(string connectionId) => To($"connection:{connectionId}");
        public IClientProxy Clients(IReadOnlyList<string> connectionIds) => To([.. connectionIds.Select(c => $"connection:{c}")]);
        public IClientProxy Group(string groupName) => To(groupName);
        public IClientProxy GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => To(groupName);
        public IClientProxy Groups(IReadOnlyList<string> groupNames) => To([.. groupNames]);
        public IClientProxy User(string userId) => To($"userId:{userId}");
        public IClientProxy Users(IReadOnlyList<string> userIds) => To([.. userIds.Select(u => $"userId:{u}")]);
    }

    private sealed class NoGroups : IGroupManager
    {
        public Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default) => Task.CompletedTask;
        public Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }

    private sealed class Proxy(RecordingHub hub, string[] groups) : IClientProxy
    {
        public Task SendCoreAsync(string method, object?[] args, CancellationToken cancellationToken = default)
        {
            hub.Sent.Enqueue(new HubMessage(groups, method, args));
            return Task.CompletedTask;
        }
    }
}
