using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using WorkflowService.Runtime.Staff;
using WorkflowService.Web.Api;

namespace WorkflowService.Web.Auth;

/// <summary>
/// Runs after authentication, on every request. A bearer token speaks for its user only while it is current
/// (<see cref="SignInState"/>: the user is enabled and not locked out, the security stamp is the one it was
/// issued with, the token was not revoked); otherwise the request goes on as anonymous and gets the API's 401.
/// Page cookies are checked against the stamp by Identity's own validator (<see cref="AuthSetup"/>).
/// A person who must change their password (<see cref="WorkflowClaims.MustChangePassword"/>) reaches only the
/// password change: pages redirect there, the API answers 403 naming it.
/// </summary>
public sealed class AccessGate(RequestDelegate next, IOptions<IdentityOptions> identity)
{
    /// <summary>The page where the password is changed; with sign-out and the language switch, all a person with a password to change may open.</summary>
    public const string PasswordPage = "/account/password";

    private static readonly PathString[] OpenWhileChanging = [PasswordPage, "/logout", "/culture", "/denied", "/error", "/login"];
    /// <summary>The API open while the password must be changed (<see cref="Api.ApiResponses"/>' RequireSignedInBeforePasswordChange).</summary>
    private static readonly PathString[] ApiOpenWhileChanging = ["/api/account/password", "/api/auth/revoke", "/api/auth/token"];

    public async Task InvokeAsync(HttpContext context, SignInState signIns)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true && RequestKind.IsApi(context.Request.Path)
            && !await IsCurrentAsync(user, signIns, context.RequestAborted))
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
            user = context.User;
        }

        if (user.Identity?.IsAuthenticated == true && user.MustChangePasswordNow())
        {
            var path = context.Request.Path;
            if (RequestKind.IsApi(path))
            {
                if (!ApiOpenWhileChanging.Any(p => path.StartsWithSegments(p)))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await Problems.Forbidden("The password was set by an admin: change it first (POST /api/account/password), then get a new token")
                        .ExecuteAsync(context);
                    return;
                }
            }
            else if (!OpenWhileChanging.Any(p => path.StartsWithSegments(p)) && !path.StartsWithSegments("/dist"))
            {
                if (RequestKind.WantsHtml(context.Request))
                    context.Response.Redirect($"{PasswordPage}?returnUrl={Uri.EscapeDataString(context.Request.Path + context.Request.QueryString)}");
                else
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }
        }
        await next(context);
    }

    private async Task<bool> IsCurrentAsync(ClaimsPrincipal user, SignInState signIns, CancellationToken ct)
    {
        var claims = identity.Value.ClaimsIdentity;
        var id = user.FindFirstValue(claims.UserIdClaimType);
        return id is not null
               && await signIns.IsCurrentAsync(id, user.FindFirstValue(claims.SecurityStampClaimType), user.FindFirstValue(WorkflowClaims.TokenId), ct);
    }
}
