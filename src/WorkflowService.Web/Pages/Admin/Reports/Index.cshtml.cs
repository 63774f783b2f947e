using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.AfterSales.Reports.Mail;
using WorkflowService.AfterSales.Reports.Monthly;
using WorkflowService.AfterSales.Reports.Quality;
using WorkflowService.Web.Auth;
using WorkflowService.Web.Localization;

namespace WorkflowService.Web.Pages.Admin.Reports;

/// <summary>
/// The report emails' settings (issue 13) on one page: the daily report's time and mailbox, the weekly quality feedback's
/// and the monthly summary's day, time and mailbox. Each form saves its own report: kept in the audit log, its recurring
/// job moved on save.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class IndexModel(DailyReportSettingsStore settings, WeeklyQualitySettingsStore weekly, MonthlySummarySettingsStore monthly, T t)
    : PageModel
{
    [BindProperty] public string? At { get; set; }
    [BindProperty] public string? To { get; set; }
    [BindProperty] public string? WeeklyDay { get; set; }
    [BindProperty] public string? WeeklyAt { get; set; }
    [BindProperty] public string? WeeklyTo { get; set; }
    [BindProperty] public string? MonthlyDay { get; set; }
    [BindProperty] public string? MonthlyAt { get; set; }
    [BindProperty] public string? MonthlyTo { get; set; }

    /// <summary>Which report was just saved: <c>daily</c>, <c>weekly</c> or <c>monthly</c> (null: none).</summary>
    public string? Saved { get; private set; }

    /// <summary>
    /// The weekdays, 1 = Monday … 7 = Sunday, named in the reader's language by our texts (not the culture's day names:
    /// the server may run without ICU's Chinese data).
    /// </summary>
    public IEnumerable<(int Day, string Name)> Weekdays => Enumerable.Range(1, 7).Select(d => (d, t[$"PeriodicReport.Weekday{d}"]));

    public static IEnumerable<int> MonthDays => Enumerable.Range(1, PeriodicReportKind.LastMonthDay);

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(except: null, ct);
        Saved = Request.Query.TryGetValue("saved", out var which) ? which.ToString() is { Length: > 0 } w ? w : "daily" : null;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var at = DailyReportSettings.ReadTime(At);
        if (at is null) ModelState.AddModelError("at", t.Format("DailyReport.BadTime", At));
        if (!DailyReportSettings.IsMailboxList(To, out var addresses)) ModelState.AddModelError("to", t.Format("DailyReport.BadMailbox", To));
        if (!ModelState.IsValid)
        {
            await LoadAsync(except: "daily", ct);
            return Page();
        }
        await settings.SaveAsync(new DailyReportSettings(at!.Value, string.Join(", ", addresses)), User.Identity!.Name!, ct);
        return Redirect("/admin/reports?saved");
    }

    public Task<IActionResult> OnPostWeeklyAsync(CancellationToken ct) => SaveAsync(weekly, "weekly", WeeklyDay, WeeklyAt, WeeklyTo, ct);

    public Task<IActionResult> OnPostMonthlyAsync(CancellationToken ct) => SaveAsync(monthly, "monthly", MonthlyDay, MonthlyAt, MonthlyTo, ct);

    private async Task<IActionResult> SaveAsync(PeriodicReportSettingsStore store, string which, string? dayText, string? atText, string? toText,
        CancellationToken ct)
    {
        ModelState.Clear();
        var day = int.TryParse(dayText, NumberStyles.None, CultureInfo.InvariantCulture, out var d) && store.Kind.IsDay(d) ? d : (int?)null;
        if (day is null) ModelState.AddModelError($"{which}Day", t.Format("PeriodicReport.BadDay", dayText));
        var at = DailyReportSettings.ReadTime(atText);
        if (at is null) ModelState.AddModelError($"{which}At", t.Format("DailyReport.BadTime", atText));
        if (!DailyReportSettings.IsMailboxList(toText, out var addresses))
            ModelState.AddModelError($"{which}To", t.Format("DailyReport.BadMailbox", toText));
        if (!ModelState.IsValid)
        {
            await LoadAsync(except: which, ct);
            return Page();
        }
        await store.SaveAsync(new PeriodicReportSettings(day!.Value, at!.Value, string.Join(", ", addresses)), User.Identity!.Name!, ct);
        return Redirect($"/admin/reports?saved={which}");
    }

    /// <summary>Fills every form from the saved settings but the one just posted (<paramref name="except"/>), which shows what was typed.</summary>
    private async Task LoadAsync(string? except, CancellationToken ct)
    {
        if (except != "daily")
        {
            var current = await settings.GetAsync(ct);
            (At, To) = (current.AtText, current.To);
        }
        if (except != "weekly")
        {
            var current = await weekly.GetAsync(ct);
            (WeeklyDay, WeeklyAt, WeeklyTo) = (current.Day.ToString(CultureInfo.InvariantCulture), current.AtText, current.To);
        }
        if (except != "monthly")
        {
            var current = await monthly.GetAsync(ct);
            (MonthlyDay, MonthlyAt, MonthlyTo) = (current.Day.ToString(CultureInfo.InvariantCulture), current.AtText, current.To);
        }
    }
}
