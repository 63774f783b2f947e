using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Notifications.Personal;

namespace WorkflowService.Web.Pages.Notifications;

/// <summary>
/// The signed-in person's notifications: the list (also served alone, <c>?handler=List</c>, and the unread count,
/// <c>?handler=Count</c>, for the bell's script to read again when SignalR nudges it), marking one or all read.
/// Only ever the person's own rows: another's notice is not found.
/// </summary>
public sealed class IndexModel(PersonalNotificationService notices) : PageModel
{
    public const int MaxRows = 100;

    public IReadOnlyList<PersonalNoticeView> Notices { get; private set; } = [];
    public int Unread => Notices.Count(n => n.ReadAt is null);

    private string Me => User.Identity!.Name!;

    public async Task OnGetAsync(CancellationToken ct) => Notices = await notices.ListAsync(Me, unreadOnly: false, MaxRows, ct);

    public async Task<PartialViewResult> OnGetListAsync(CancellationToken ct)
    {
        await OnGetAsync(ct);
        return Partial("_NoticeList", this);
    }

    public async Task<JsonResult> OnGetCountAsync(CancellationToken ct) => new(new { unread = await notices.UnreadCountAsync(Me, ct) });

    public async Task<IActionResult> OnPostReadAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await notices.MarkReadAsync(Me, id, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return Redirect("/notifications");
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        await notices.MarkAllReadAsync(Me, ct);
        return Redirect("/notifications");
    }
}
