using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Staff;
using WorkflowService.Web.Localization;

namespace WorkflowService.Web.Pages;

public sealed class LoginModel(SignInManager<WorkflowUser> signIn, StaffDirectory staff, ILogger<LoginModel> logger) : PageModel
{
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password))
        {
            Error = "Login.Required";
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(UserName, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.SignedIn(UserName);
            // The language the person chose in their account wins over the browser's, from the first page on.
            CultureCookie.Set(Response, (await staff.GetAsync(UserName)).Language);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }
        // A locked-out account is told what an unknown user or a wrong password is: nothing that shows the account exists.
        if (result.IsLockedOut) logger.SignInRefusedLockedOut(UserName);
        Error = "Login.Failed";
        return Page();
    }
}
