using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.Engine.Calendars;
using WorkflowService.Runtime.Calendars;
using WorkflowService.Runtime.Instances;
using WorkflowService.Web.Auth;
using WorkflowService.Web.Exports;
using WorkflowService.Web.Localization;

namespace WorkflowService.Web.Pages.Admin.Calendars;

/// <summary>
/// One calendar: its time zone, working days, periods, holidays and make-up days, the years whose official
/// schedule is entered; a due-date preview counted in the calendar as saved. A name not yet stored opens an
/// empty calendar (the defaults) that saving creates.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class EditModel(CalendarStore store, TimeProvider clock, CalendarSheet sheet, T t) : PageModel
{
    public const string NoticeKey = "CalendarNotice";

    [BindProperty(SupportsGet = true)] public string Name { get; set; } = "";

    public CalendarForm Form { get; private set; } = new();
    public StoredCalendar? Stored { get; private set; }
    public IReadOnlyList<int> Missing { get; private set; } = [];

    [TempData(Key = NoticeKey)] public string? Notice { get; set; }

    public string? DueFrom { get; private set; }
    public string? DueDuration { get; private set; }
    public DateTimeOffset? Due { get; private set; }

    public string FallbackTimeZone => store.FallbackTimeZone;

    /// <summary>The saved calendar's holidays and make-up days as a workbook; 404 for a calendar not saved yet.</summary>
    public async Task<IActionResult> OnGetExcelAsync(CancellationToken ct)
    {
        if (!CalendarNames.IsValid(Name) || await store.FindStoredAsync(Name, ct) is null) return NotFound();
        return ExcelDownload.File(await sheet.DaysAsync(Name, System.Globalization.CultureInfo.CurrentUICulture, ct), "calendar-" + Name, clock);
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!CalendarNames.IsValid(Name)) return NotFound();
        await LoadAsync(ct);
        Form = CalendarForm.From(Stored?.Definition ?? new CalendarDefinition { Name = Name }, Stored?.Version ?? 0);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        if (!CalendarNames.IsValid(Name)) return NotFound();
        var form = new CalendarForm();
        await TryUpdateModelAsync(form, name: "");
        ModelState.Clear();
        var definition = form.ToDefinition(Name, out var errors);
        try
        {
            if (errors.Count > 0) throw new ValidationException("The calendar is not valid", errors);
            await store.SaveAsync(User.Identity!.Name!, definition, form.Version, ct);
            Notice = "Calendars.Saved";
            return Redirect($"/admin/calendars/{Uri.EscapeDataString(Name)}");
        }
        catch (WorkflowRequestException refused) when (refused is ValidationException or ConflictException)
        {
            ModelState.Show(refused, t);
            await LoadAsync(ct);
            Form = form.WithBlankRows();
            return Page();
        }
    }

    public async Task<IActionResult> OnPostDueAsync(string? from, string? duration, CancellationToken ct)
    {
        if (!CalendarNames.IsValid(Name)) return NotFound();
        ModelState.Clear();
        await LoadAsync(ct);
        Form = CalendarForm.From(Stored?.Definition ?? new CalendarDefinition { Name = Name }, Stored?.Version ?? 0);
        (DueFrom, DueDuration) = (from, duration);
        if (store.Find(Name) is not { } calendar)
        {
            ModelState.AddModelError("due", t["Calendars.SaveFirst"]);
            return Page();
        }
        try
        {
            Due = DuePreview.Compute(calendar, from, duration);
        }
        catch (ValidationException invalid)
        {
            ModelState.Show(invalid, t);
        }
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Stored = await store.FindStoredAsync(Name, ct);
        Missing = Stored is null ? [] : MissingYears.Of(Stored.Definition, clock.GetUtcNow(), store.FallbackTimeZone);
    }
}
