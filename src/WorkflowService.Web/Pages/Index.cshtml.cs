using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.Web.Auth;

namespace WorkflowService.Web.Pages;

/// <summary>Home: process owners land in the designer, everyone else in their inbox.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() =>
        Redirect(User.IsInRole(Roles.ProcessOwner) ? "/designer" : "/inbox");
}
