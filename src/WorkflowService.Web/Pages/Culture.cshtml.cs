using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.Web.Localization;

namespace WorkflowService.Web.Pages;

/// <summary>The language switch: remembers the choice in a cookie, over the browser's preference.</summary>
public sealed class CultureModel : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        CultureCookie.Set(Response, culture);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
