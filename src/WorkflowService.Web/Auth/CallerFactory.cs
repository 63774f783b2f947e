using System.Security.Claims;
using WorkflowService.Runtime.Groups;
using WorkflowService.Runtime.Tasks;

namespace WorkflowService.Web.Auth;

/// <summary>Builds the runtime's <see cref="Caller"/> from the signed-in user; groups are read fresh per request.</summary>
public sealed class CallerFactory(GroupDirectory groups)
{
    private Caller? _cached;

    public async Task<Caller> GetAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (_cached is not null) return _cached;
        var name = user.Identity?.Name ?? throw new InvalidOperationException("No signed-in user");
        _cached = new Caller(name, await groups.GroupsOfAsync(name, ct), user.IsInRole(Roles.Admin))
        {
            // Supervisors, and the service accounts of outside systems, which correlate messages to any instance.
            SeesAllInstances = user.IsInRole(Roles.Manager) || user.IsInRole(Roles.ProcessOwner) || user.IsInRole(Roles.Worker),
        };
        return _cached;
    }
}
