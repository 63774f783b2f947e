using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Web.Auth;

/// <summary>The claims a session or token carries beyond Identity's own (name, id, roles, security stamp).</summary>
public static class WorkflowClaims
{
    /// <summary>Present while the person must choose their own password (an admin set it): only that page and API are open.</summary>
    public const string MustChangePassword = "ws.must_change_password";

    /// <summary>The id of one bearer token, so that it can be revoked alone (<c>POST /api/auth/revoke</c>).</summary>
    public const string TokenId = "ws.token_id";

    /// <summary>The name colleagues read.</summary>
    public const string DisplayName = "ws.display_name";

    public static bool MustChangePasswordNow(this ClaimsPrincipal user) => user.HasClaim(c => c.Type == MustChangePassword);
}

/// <summary>Adds <see cref="WorkflowClaims"/> to the principal Identity builds at sign-in.</summary>
public sealed class WorkflowClaimsFactory(UserManager<WorkflowUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<WorkflowUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(WorkflowUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.MustChangePassword) identity.AddClaim(new Claim(WorkflowClaims.MustChangePassword, "true"));
        if (!string.IsNullOrEmpty(user.DisplayName)) identity.AddClaim(new Claim(WorkflowClaims.DisplayName, user.DisplayName));
        return identity;
    }
}
