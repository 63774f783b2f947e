using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Staff;
using WorkflowService.Web.Auth;
using WorkflowService.Web.Localization;

namespace WorkflowService.Web.Pages.Account;

/// <summary>
/// Changes one's own password. A person whose password an admin set is sent here from every page
/// (<see cref="AccessGate"/>) until they do. Changing it ends every session (new security stamp), this one
/// too, so the page signs the person in again, without the must-change claim, and goes on where they were headed.
/// </summary>
public sealed class PasswordModel(
    StaffDirectory staff,
    SignInManager<WorkflowUser> signIn,
    IServiceScopeFactory scopes,
    T t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    /// <summary>Sent here because an admin set the password.</summary>
    public bool Forced => User.MustChangePasswordNow();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(string? currentPassword, string? newPassword, string? repeatPassword, CancellationToken ct)
    {
        ModelState.Clear();
        var userName = User.Identity!.Name!;
        if (!string.IsNullOrEmpty(newPassword) && newPassword != repeatPassword)
        {
            ModelState.AddModelError("repeatPassword", "");
            return Page();
        }
        try
        {
            await staff.ChangeOwnPasswordAsync(userName, currentPassword, newPassword, ct);
        }
        catch (ValidationException refused)
        {
            ModelState.Show(refused, t);
            return Page();
        }

        // This request's Identity context read the user (and its old stamp) when it checked the cookie; a fresh
        // scope reads the row as the change left it, so the new cookie carries the new stamp and no must-change claim.
        using (var fresh = scopes.CreateScope())
        {
            var user = await fresh.ServiceProvider.GetRequiredService<UserManager<WorkflowUser>>().FindByNameAsync(userName);
            if (user is null) return Redirect("/login");
            await signIn.SignInAsync(user, isPersistent: false);
        }
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && !ReturnUrl!.StartsWith(AccessGate.PasswordPage, StringComparison.OrdinalIgnoreCase)
            ? ReturnUrl
            : "/inbox");
    }
}
