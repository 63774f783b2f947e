using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using WorkflowService.Runtime.Groups;
using WorkflowService.Runtime.Staff;

namespace WorkflowService.Web.Hubs;

/// <summary>
/// Keeps each live connection to what its user may see now. A connection joins its user's candidate groups when it
/// opens (<see cref="WorkflowHub"/>) and would otherwise stay in them for as long as the tab stays open: a person
/// disabled, or given a new password, or whose role was taken (the security stamp changes), would go on receiving task
/// news and ringing calls, and one taken out of a group that group's. So every connection is looked at again whenever
/// staff, groups or sign-ins change on this node (<see cref="AccessCache.Invalidated"/>) and every
/// <see cref="Interval"/> (another node's changes): a sign-in no longer current closes the connection (the page's client
/// reconnects, and is refused if the person may no longer sign in), and group memberships follow the directory.
/// </summary>
public sealed partial class HubAccessWatch(IServiceScopeFactory scopes, IHubContext<WorkflowHub> hub, AccessCache cache,
    IOptions<IdentityOptions> identity, ILogger<HubAccessWatch> logger) : BackgroundService
{
    /// <summary>How often connections are looked at without a change on this node (another node's change).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<string, Watched> _connections = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _changed = new(0, 1);

    private sealed class Watched(HubCallerContext context, string user, IReadOnlySet<string> groups)
    {
        public HubCallerContext Context { get; } = context;
        public string User { get; } = user;
        public IReadOnlySet<string> Groups { get; set; } = groups;
    }

    /// <summary>Connections watched now (for tests).</summary>
    internal int Count => _connections.Count;

    /// <summary>Watches a connection that has joined <paramref name="groups"/>' channels.</summary>
    public void Watch(HubCallerContext context, string user, IReadOnlySet<string> groups) =>
        _connections[context.ConnectionId] = new Watched(context, user, groups);

    public void Forget(string connectionId) => _connections.TryRemove(connectionId, out _);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        cache.Invalidated += Changed;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await _changed.WaitAsync(Interval, stoppingToken);
                await CheckAllAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            cache.Invalidated -= Changed;
        }
    }

    /// <summary>
    /// A change is signalled when it is saved and again when its transaction commits: a look that began before the commit
    /// is followed by another (the semaphore holds one wake-up while a look runs).
    /// </summary>
    private void Changed()
    {
        try
        {
            _changed.Release();
        }
        catch (SemaphoreFullException)
        {
            // A look is due already.
        }
    }

    /// <summary>Looks at every connection once: closes those whose sign-in is no longer current, moves the rest between groups.</summary>
    internal async Task CheckAllAsync(CancellationToken ct)
    {
        if (_connections.IsEmpty) return;
        await using var scope = scopes.CreateAsyncScope();
        var signIns = scope.ServiceProvider.GetRequiredService<SignInState>();
        var directory = scope.ServiceProvider.GetRequiredService<GroupDirectory>();
        foreach (var (id, watched) in _connections)
        {
            try
            {
                var claims = identity.Value.ClaimsIdentity;
                if (watched.Context.User?.FindFirstValue(claims.UserIdClaimType) is not { } userId
                    || !await signIns.IsSessionCurrentAsync(userId, watched.Context.User.FindFirstValue(claims.SecurityStampClaimType), ct))
                {
                    LogClosed(logger, watched.User, id);
                    Forget(id);
                    watched.Context.Abort();
                    continue;
                }
                var now = await directory.GroupsOfAsync(watched.User, ct);
                foreach (var lost in watched.Groups.Except(now))
                    await hub.Groups.RemoveFromGroupAsync(id, WorkflowHub.CandidateGroup(lost), ct);
                foreach (var gained in now.Except(watched.Groups))
                    await hub.Groups.AddToGroupAsync(id, WorkflowHub.CandidateGroup(gained), ct);
                watched.Groups = now;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One connection's look failing (the database busy) must not stop the others'; the next look tries again.
                LogCheckFailed(logger, ex, watched.User, id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Live connection {ConnectionId} of {User} closed: the sign-in is no longer current")]
    private static partial void LogClosed(ILogger logger, string user, string connectionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look at live connection {ConnectionId} of {User} again")]
    private static partial void LogCheckFailed(ILogger logger, Exception ex, string user, string connectionId);
}
