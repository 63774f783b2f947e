using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Web.Pages;

/// <summary>
/// Signing out ends the session on the server, not only in this browser: the user's security
/// stamp changes, and every page request checks the stamp its cookie carries (see
/// <c>AuthSetup</c>), so a copy of the cookie taken before sign-out opens nothing afterwards. The
/// user's other page sessions end with it.
/// </summary>
public sealed class LogoutModel(SignInManager<WorkflowUser> signIn, UserManager<WorkflowUser> users) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } user) await users.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
        return Redirect("/login");
    }
}
