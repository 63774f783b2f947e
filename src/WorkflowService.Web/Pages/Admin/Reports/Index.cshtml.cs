using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.AfterSales.Reports.Mail;
using WorkflowService.Web.Auth;
using WorkflowService.Web.Localization;

namespace WorkflowService.Web.Pages.Admin.Reports;

/// <summary>The daily report's time and mailbox (issue 13): kept in the audit log, the recurring job moved on save.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class IndexModel(DailyReportSettingsStore settings, T t) : PageModel
{
    [BindProperty] public string? At { get; set; }
    [BindProperty] public string? To { get; set; }

    public bool Saved { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var current = await settings.GetAsync(ct);
        (At, To) = (current.AtText, current.To);
        Saved = Request.Query.ContainsKey("saved");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var at = DailyReportSettings.ReadTime(At);
        if (at is null) ModelState.AddModelError("at", t.Format("DailyReport.BadTime", At));
        if (!DailyReportSettings.IsMailboxList(To, out var addresses)) ModelState.AddModelError("to", t.Format("DailyReport.BadMailbox", To));
        if (!ModelState.IsValid) return Page();
        await settings.SaveAsync(new DailyReportSettings(at!.Value, string.Join(", ", addresses)), User.Identity!.Name!, ct);
        return Redirect("/admin/reports?saved");
    }
}
