using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.Runtime.Notifications.Personal;

namespace WorkflowService.Web.Pages.Account;

/// <summary>The signed-in person's choice, per event, of email and/or in-app (the bell); unchosen events show the defaults.</summary>
public sealed class NotificationsModel(PersonalNotificationService notices) : PageModel
{
    public IReadOnlyList<NotificationPreferenceView> Preferences { get; private set; } = [];

    [TempData] public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Preferences = await notices.PreferencesAsync(User.Identity!.Name!, ct);

    /// <summary>
    /// Checkboxes named <c>email</c> and <c>inApp</c> with the event as value: an unticked box sends nothing, so every
    /// event is stored with what was ticked (all three are on the form).
    /// </summary>
    public async Task<IActionResult> OnPostAsync(string[]? email, string[]? inApp, CancellationToken ct)
    {
        var choices = PersonalEvents.All.Select(e => new NotificationPreferenceView(e, (email ?? []).Contains(e), (inApp ?? []).Contains(e), true))
            .ToList();
        await notices.SetPreferencesAsync(User.Identity!.Name!, choices, ct);
        Notice = "Notifications.Preferences.Saved";
        return Redirect("/account/notifications");
    }
}
