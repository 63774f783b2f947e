using Microsoft.AspNetCore.Mvc;
using WorkflowService.Web.Auth;

namespace WorkflowService.Web.Hotline;

/// <summary>
/// The calls ringing now for the signed-in user, rendered with the page, so a page opened
/// mid-ring shows them before live updates connect; hotline.js keeps the banner current after.
/// </summary>
public sealed class RingingBannerViewComponent(CallDesk desk, CallerFactory callers) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (UserClaimsPrincipal.Identity?.IsAuthenticated != true) return Content("");
        var ct = HttpContext.RequestAborted;
        return View(await desk.RingingForAsync(await callers.GetAsync(UserClaimsPrincipal, ct), ct));
    }
}
