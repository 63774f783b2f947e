using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.AfterSales.Export;
using WorkflowService.AfterSales.Hotline;
using WorkflowService.Runtime.Instances;
using WorkflowService.Web.Auth;
using WorkflowService.Web.Localization;

namespace WorkflowService.Web.Pages.Hotline;

/// <summary>
/// The duty roster (值班表), edited as a whole: the weekly shifts, the dated changes and the forwarding mobile, with
/// who is on duty right now. A weekly row without agents is dropped; a dated row without agents means nobody that period.
/// </summary>
[Authorize(Policy = Policies.Supervisor)]
public sealed class RosterModel(DutyRosterStore store, HotlineDuty duty, TimeProvider clock, HotlineSheets sheets, T t,
    IAuthorizationService authorization) : PageModel
{
    /// <summary>Blank rows offered for new shifts.</summary>
    public const int BlankRows = 3;

    public sealed class Row
    {
        public DayOfWeek Day { get; set; } = DayOfWeek.Monday;
        public string? Date { get; set; }
        public string? Start { get; set; }
        public string? End { get; set; }
        public string? Agents { get; set; }
    }

    [BindProperty] public List<Row> Weekly { get; set; } = [];
    [BindProperty] public List<Row> Changes { get; set; } = [];
    [BindProperty] public string? ForwardingMobile { get; set; }
    [BindProperty] public int Revision { get; set; }

    public DutyRoster Saved { get; private set; } = DutyRoster.Empty;
    public DutyAt Now { get; private set; } = null!;

    [TempData] public string? Notice { get; set; }

    public static IReadOnlyList<DayOfWeek> Days { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Weekly = [.. Saved.Weekly.Select(s => new Row { Day = s.Day, Start = Time(s.Start), End = Time(s.End), Agents = string.Join(", ", s.Agents) })];
        Changes = [.. Saved.Changes.Select(c => new Row
        {
            Date = c.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Start = Time(c.Start), End = Time(c.End), Agents = string.Join(", ", c.Agents),
        })];
        ForwardingMobile = Saved.ForwardingMobile;
        Revision = Saved.Revision;
        AddBlankRows();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        try
        {
            await store.SaveAsync(Parse(), User.Identity!.Name!, ct);
            Notice = "Roster.Saved";
            return Redirect("/hotline/roster");
        }
        catch (WorkflowRequestException refused) when (refused is ValidationException or ConflictException)
        {
            ModelState.Show(refused, t);
            await LoadAsync(ct);
            AddBlankRows();
            return Page();
        }
    }

    private DutyRoster Parse()
    {
        var errors = new List<ValidationError>();
        var weekly = Weekly.Select((r, i) => (Row: r, Index: i)).Where(x => !string.IsNullOrWhiteSpace(x.Row.Agents))
            .Select(x => new WeeklyShift(x.Row.Day, TimeOf(x.Row.Start, $"weekly[{x.Index}].start", errors),
                TimeOf(x.Row.End, $"weekly[{x.Index}].end", errors), Names(x.Row.Agents))).ToList();
        var changes = new List<DatedShift>();
        for (var i = 0; i < Changes.Count; i++)
        {
            var row = Changes[i];
            if (string.IsNullOrWhiteSpace(row.Date)) continue;
            if (!DateOnly.TryParseExact(row.Date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors.Add(new($"changes[{i}].date '{row.Date}' is not a date (yyyy-MM-dd)", $"changes[{i}].date", "invalid", Argument: row.Date));
                continue;
            }
            changes.Add(new DatedShift(date, TimeOf(row.Start, $"changes[{i}].start", errors), TimeOf(row.End, $"changes[{i}].end", errors), Names(row.Agents)));
        }
        if (errors.Count > 0) throw new ValidationException($"The duty roster was not saved: {string.Join("; ", errors.Select(e => e.Message))}", errors);
        return new DutyRoster(weekly, changes, ForwardingMobile, Revision);
    }

    private static TimeOnly TimeOf(string? text, string field, List<ValidationError> errors)
    {
        if (TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)) return time;
        errors.Add(new($"{field} '{text}' is not a time (HH:mm)", field, "invalid", Argument: text));
        return default;
    }

    private static List<string> Names(string? agents) =>
        [.. (agents ?? "").Split([',', '，', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The saved roster as a workbook.</summary>
    public async Task<FileContentResult> OnGetExcelAsync(CancellationToken ct) =>
        ExcelDownload.File(await sheets.RosterAsync(CultureInfo.CurrentUICulture, ct), "roster", clock);

    /// <summary>Whether the page offers the call log: its readers are the desk's (as <c>GET /api/hotline/calls/export</c>).</summary>
    public bool MayReadCalls { get; private set; }

    /// <summary>
    /// The call log of the department's days from/to (the page's call-log form) as a workbook, for the desk's roles only:
    /// the page's supervisors include process owners, who may not read callers' numbers.
    /// </summary>
    public async Task<IActionResult> OnGetCallsAsync(DateOnly? from, DateOnly? to, string? number, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Desk)).Succeeded) return Forbid();
        return ExcelDownload.File(await sheets.CallsAsync(from, to, number, CultureInfo.CurrentUICulture, ct), "calls", clock);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        MayReadCalls = (await authorization.AuthorizeAsync(User, Policies.Desk)).Succeeded;
        Saved = await store.GetAsync(ct);
        Now = await duty.AtAsync(clock.GetUtcNow(), ct);
    }

    private void AddBlankRows()
    {
        for (var i = 0; i < BlankRows; i++)
        {
            Weekly.Add(new Row { Start = "08:30", End = "17:30" });
            Changes.Add(new Row { Start = "08:30", End = "17:30" });
        }
    }
}
