using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.Runtime.Calendars;
using WorkflowService.Web.Auth;

namespace WorkflowService.Web.Pages.Admin.Calendars;

/// <summary>The business calendars, with the years whose official schedule is missing; a new calendar by name.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class IndexModel(CalendarStore store, TimeProvider clock) : PageModel
{
    public sealed record Row(StoredCalendar Calendar, string TimeZone, IReadOnlyList<int> Missing);

    public IReadOnlyList<Row> Calendars { get; private set; } = [];

    [BindProperty] public string? NewName { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var name = NewName?.Trim() ?? "";
        if (CalendarNames.IsValid(name)) return Redirect($"/admin/calendars/{Uri.EscapeDataString(name)}");
        ModelState.AddModelError("newName", $"'{name}' is not a calendar name ({CalendarNames.Rule})");
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        Calendars = [.. (await store.ListAsync(ct)).Select(c => new Row(c, c.Definition.TimeZone ?? store.FallbackTimeZone,
            MissingYears.Of(c.Definition, now, store.FallbackTimeZone)))];
    }
}
