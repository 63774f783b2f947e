using System.Security.Claims;
using WorkflowService.Runtime.Groups;
using WorkflowService.Runtime.Tasks;

namespace WorkflowService.Web.Auth;

/// <summary>Builds the runtime's <see cref="Caller"/> from the signed-in user; groups are read fresh per request.</summary>
/// <remarks>
/// Scoped: a page asks for its caller more than once per request, so each principal's caller is kept for the
/// scope. It is kept per principal, not once: a SignalR hub's scope, or code acting for someone else in the same
/// scope, passes another principal and must get that principal's name, groups and roles.
/// </remarks>
public sealed class CallerFactory(GroupDirectory groups)
{
    private readonly Dictionary<ClaimsPrincipal, Caller> _callers = new(ReferenceEqualityComparer.Instance);

    public async Task<Caller> GetAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (_callers.TryGetValue(user, out var known)) return known;
        var name = user.Identity?.Name ?? throw new InvalidOperationException("No signed-in user");
        var caller = new Caller(name, await groups.GroupsOfAsync(name, ct), user.IsInRole(Roles.Admin))
        {
            // Supervisors, those who track late work and read the reports, and the service accounts of outside
            // systems, which correlate messages to any instance.
            SeesAllInstances = user.IsInRole(Roles.Manager) || user.IsInRole(Roles.ProcessOwner) || user.IsInRole(Roles.Worker)
                               || user.IsInRole(Roles.DeputyManager) || user.IsInRole(Roles.GeneralManager),
        };
        _callers[user] = caller;
        return caller;
    }
}
