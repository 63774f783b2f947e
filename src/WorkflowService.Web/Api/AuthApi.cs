using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using WorkflowService.Runtime.Staff;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Web.Auth;

namespace WorkflowService.Web.Api;

public sealed record TokenRequest(string? UserName, string? Password);

public static class AuthApi
{
    public static void MapAuthApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/token", IssueTokenAsync).AllowAnonymous().WithTags("Auth").DescribesJsonBody<TokenRequest>()
            // The bearer handler writes the token itself; SignInHttpResult declares nothing, so the document is told here.
            .Produces<AccessTokenResponse>(StatusCodes.Status200OK)
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Exchanges a user name and password for a bearer token");
        app.MapPost("/api/auth/revoke", RevokeAsync).WithTags("Auth").RequireSignedInBeforePasswordChange().Refuses(StatusCodes.Status400BadRequest)
            .WithSummary("Revokes the bearer token of this request: it gets 401 from now on");
    }

    /// <summary>
    /// Checks the password (with lockout after repeated failures) and signs in with the bearer scheme.
    /// An unknown user, a wrong password and a locked-out account get the same 401, so the answers
    /// do not tell which accounts exist; a lockout is logged.
    /// </summary>
    private static async Task<Results<SignInHttpResult, ProblemHttpResult>> IssueTokenAsync(HttpRequest http,
        UniformTimingSignInManager signIn, UserManager<WorkflowUser> users, ILoggerFactory loggers, CancellationToken ct)
    {
        if (!JsonBody.IsJson(http)) return JsonBody.UnsupportedMediaType();
        var (request, unreadable) = await JsonBody.ReadAsync<TokenRequest>(http, "{\"userName\", \"password\"}", ct);
        if (unreadable is not null) return unreadable;
        if (string.IsNullOrWhiteSpace(request?.UserName))
            return Problems.Invalid("userName", "userName and password are required", "required");
        if (string.IsNullOrEmpty(request.Password))
            return Problems.Invalid("password", "userName and password are required", "required");
        var user = await users.FindByNameAsync(request.UserName);
        if (user is null)
        {
            signIn.RefuseUnknownUser(request.Password);
            return Unauthorized();
        }
        var check = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
        if (check.IsLockedOut)
            loggers.CreateLogger(typeof(AuthApi)).TokenRefusedLockedOut(user.UserName);
        if (!check.Succeeded) return Unauthorized();
        var principal = await signIn.CreateUserPrincipalAsync(user);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(WorkflowClaims.TokenId, Guid.NewGuid().ToString("N")));
        return TypedResults.SignIn(principal, authenticationScheme: AuthSetup.BearerScheme);
    }

    /// <summary>Revokes the token the request came with, until it would have expired.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(HttpContext http, SignInState signIns,
        IOptionsMonitor<BearerTokenOptions> bearer, CancellationToken ct)
    {
        var tokenId = http.User.FindFirstValue(WorkflowClaims.TokenId);
        if (tokenId is null)
            return Problems.Invalid("token", "This token carries no id (it was issued before tokens could be revoked); it expires by itself", "no-token-id");
        var ticket = await http.AuthenticateAsync(AuthSetup.BearerScheme);
        var expires = ticket.Properties?.ExpiresUtc ?? DateTimeOffset.UtcNow + bearer.Get(AuthSetup.BearerScheme).BearerTokenExpiration;
        await signIns.RevokeAsync(http.User.UserName(), tokenId, expires, ct);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult Unauthorized() =>
        Problems.Unauthorized("Unknown user name or wrong password");

    internal static string UserName(this ClaimsPrincipal user) =>
        user.Identity?.Name ?? throw new InvalidOperationException("No signed-in user");
}
