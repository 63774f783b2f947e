using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Web.Auth;

/// <summary>
/// Answers an unknown user name and a locked-out account as slowly as a wrong password: Identity
/// returns from both before hashing the password, and the time saved would tell an attacker which
/// accounts exist (the answers themselves are already the same).
/// </summary>
public sealed class UniformTimingSignInManager(
    UserManager<WorkflowUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<WorkflowUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<WorkflowUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<WorkflowUser> confirmation)
    : SignInManager<WorkflowUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private static readonly Lazy<string> DecoyHash =
        new(() => new PasswordHasher<WorkflowUser>().HashPassword(new WorkflowUser(), Guid.NewGuid().ToString()));

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent,
        bool lockoutOnFailure)
    {
        if (await UserManager.FindByNameAsync(userName) is { } user)
            return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        SpendPasswordCheck(password);
        return SignInResult.Failed;
    }

    protected override async Task<SignInResult?> PreSignInCheck(WorkflowUser user)
    {
        var refusal = await base.PreSignInCheck(user);
        if (refusal is not null) SpendPasswordCheck(Guid.NewGuid().ToString());
        return refusal;
    }

    /// <summary>A disabled person cannot sign in (Identity answers "not allowed", which the pages and the API word like a wrong password).</summary>
    public override async Task<bool> CanSignInAsync(WorkflowUser user) => !user.Disabled && await base.CanSignInAsync(user);

    /// <summary>An unknown user, for the token endpoint that looks the user up itself.</summary>
    public void RefuseUnknownUser(string password) => SpendPasswordCheck(password);

    /// <summary>The work of checking a password, against a hash no password matches.</summary>
    private void SpendPasswordCheck(string password) =>
        UserManager.PasswordHasher.VerifyHashedPassword(new WorkflowUser(), DecoyHash.Value, password);
}
