using WorkflowService.Runtime.Tasks;
using WorkflowService.Web.Auth;

namespace WorkflowService.Web.Api;

/// <summary>
/// The runtime's <see cref="Caller"/> for the signed-in user of an API request, as a handler
/// parameter: bound by <see cref="BindAsync"/> (once per request, <see cref="CallerFactory"/> keeps it
/// for the request's scope) and passed on as a <see cref="Caller"/>. Bound only where a handler asks
/// for it, after authorization has admitted the user, so an anonymous endpoint never looks up groups.
/// </summary>
public sealed record SignedInCaller(Caller Value)
{
    public static async ValueTask<SignedInCaller?> BindAsync(HttpContext http) =>
        new(await http.RequestServices.GetRequiredService<CallerFactory>().GetAsync(http.User, http.RequestAborted));

    public static implicit operator Caller(SignedInCaller caller) => caller.Value;
}
