using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Staff;
using WorkflowService.Web.Localization;

namespace WorkflowService.Web.Pages.Account;

/// <summary>"My account", for every signed-in person: their details, their email and page language, and the way to a new password.</summary>
public sealed class IndexModel(StaffDirectory staff, T t) : PageModel
{
    public StaffMember Me { get; private set; } = null!;

    /// <summary>As typed, kept when the change is refused.</summary>
    public string? Email { get; private set; }
    public string? Language { get; private set; }

    [TempData] public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Me = await staff.GetAsync(User.Identity!.Name!, ct);
        Email = Me.Email;
        Language = Me.Language;
    }

    public async Task<IActionResult> OnPostAsync(string? email, string? language, CancellationToken ct)
    {
        ModelState.Clear();
        try
        {
            var me = await staff.UpdateOwnAccountAsync(User.Identity!.Name!, email, string.IsNullOrWhiteSpace(language) ? null : language, ct);
            // The chosen language takes over from the browser's now, not only at the next sign-in.
            if (me.Language is null) CultureCookie.Forget(Response);
            else CultureCookie.Set(Response, me.Language);
            Notice = "Account.Saved";
            return Redirect("/account");
        }
        catch (ValidationException refused)
        {
            ModelState.Show(refused, t);
            Me = await staff.GetAsync(User.Identity!.Name!, ct);
            Email = email;
            Language = language;
            return Page();
        }
    }
}
