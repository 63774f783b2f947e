using Microsoft.AspNetCore.Mvc;
using WorkflowService.Runtime.Notifications.Personal;

namespace WorkflowService.Web.Notifications;

/// <summary>The bell in the top bar with the signed-in person's unread count, rendered with the page; bell.js keeps it current.</summary>
public sealed class NotificationBellViewComponent(PersonalNotificationService notices) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (UserClaimsPrincipal.Identity is not { IsAuthenticated: true, Name: { } user }) return Content("");
        return View(await notices.UnreadCountAsync(user, HttpContext.RequestAborted));
    }
}
