using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.Runtime.Definitions;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Tasks;
using WorkflowService.Web.Auth;
using WorkflowService.Web.Exports;
using WorkflowService.Web.Tasks;

namespace WorkflowService.Web.Pages;

/// <param name="SlaPausedLeft">The instance's SLA clock is paused (waiting for the customer, parts...) with this much time left.</param>
public sealed record InboxRow(TaskView Task, string Process, SlaState Sla, TimeSpan? SlaPausedLeft = null);

/// <summary>
/// The inbox: open tasks assigned to the user or offered to them or their groups, filtered and
/// sorted. The list is also served alone (<c>?handler=List</c>) so the browser can re-fetch it
/// when SignalR says a task changed: what the user may see is decided here, never in the script.
/// </summary>
public sealed class InboxModel(TaskService tasks, InstanceService instances, CallerFactory callers, DefinitionCatalog catalog,
    TimeProvider clock, TaskSheets sheets)
    : PageModel
{
    public const int MaxRows = 200;

    /// <summary>Definition key of the process to show; empty for all.</summary>
    [BindProperty(SupportsGet = true)] public string? Process { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public bool DueToday { get; set; }

    /// <summary>"priority", or anything else for due date.</summary>
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }

    /// <summary>The browser's IANA time zone (set by inbox.js), so that "due today" ends at the user's midnight.</summary>
    [BindProperty(SupportsGet = true, Name = "tz")] public string? TimeZone { get; set; }

    public bool SortByPriority => string.Equals(Sort, "priority", StringComparison.OrdinalIgnoreCase);
    public IReadOnlyList<InboxRow> Rows { get; private set; } = [];
    public IReadOnlyList<KeyValuePair<string, string>> Processes { get; private set; } = [];
    public string UserName => User.Identity?.Name ?? "";

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<PartialViewResult> OnGetListAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Partial("_InboxList", this);
    }

    /// <summary>The inbox under its filters as a workbook: the same tasks the list shows (all of them up to the workbook's cap).</summary>
    public async Task<FileContentResult> OnGetExcelAsync(CancellationToken ct)
    {
        var caller = await callers.GetAsync(User, ct) with { IsAdmin = false };
        var bytes = await sheets.InboxAsync(caller, new InboxFilter(Process, Overdue, DueToday, SortByPriority, TimeZone),
            System.Globalization.CultureInfo.CurrentUICulture, ct);
        return ExcelDownload.File(bytes, "inbox", clock);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        // An admin may open any task, but their inbox is their own work, not every task of the company.
        var caller = await callers.GetAsync(User, ct) with { IsAdmin = false };
        var now = clock.GetUtcNow();
        var names = await catalog.DisplayNamesAsync(ct);
        var found = await tasks.QueryAsync(caller, new TaskQuery
        {
            DefinitionKey = Process, Overdue = Overdue, DueToday = DueToday, TodayEndsAt = EndOfToday(now, TimeZone),
            Sort = SortByPriority ? TaskSort.Priority : TaskSort.DueDate, Take = MaxRows,
        }, ct);
        var paused = await instances.PausedClocksAsync([.. found.Select(t => t.InstanceId).Distinct()], ct);
        Rows = [.. found.Select(t => new InboxRow(t, names.GetValueOrDefault(t.DefinitionKey, t.DefinitionKey),
            SlaRule.Of(t.CreatedAt, t.DueAt, now), paused.TryGetValue(t.InstanceId, out var left) ? left : null))];
        Processes = [.. names.OrderBy(p => p.Value, StringComparer.CurrentCulture)];
    }

    /// <summary>The next midnight in the given IANA zone (UTC when it is missing or unknown).</summary>
    public static DateTimeOffset EndOfToday(DateTimeOffset now, string? timeZoneId)
    {
        var zone = timeZoneId is { Length: > 0 } && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var found)
            ? found
            : TimeZoneInfo.Utc;
        var midnight = TimeZoneInfo.ConvertTime(now, zone).Date.AddDays(1);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
    }
}
