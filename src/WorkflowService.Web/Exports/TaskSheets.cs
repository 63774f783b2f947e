using System.Globalization;
using WorkflowService.AfterSales;
using WorkflowService.AfterSales.Export;
using WorkflowService.Runtime.Definitions;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Tasks;
using WorkflowService.Web.Tasks;
using static WorkflowService.AfterSales.Export.ListSheet;

namespace WorkflowService.Web.Exports;

/// <summary>The inbox's filters (<see cref="Pages.InboxModel"/>): a process, overdue, due today (in <c>tz</c>, else the department's zone), the order.</summary>
public sealed record InboxFilter(string? Process, bool Overdue, bool DueToday, bool SortByPriority, string? TimeZone);

/// <summary>
/// The inbox and the instance list as workbooks. Each runs the query of its page for the caller it is given (the caller
/// decides what is visible: the inbox is the caller's own and their groups' work, the instance list what they may
/// see), page after page up to <see cref="ListSheet.MaxRows"/>; times are in the department's zone.
/// </summary>
public sealed class TaskSheets(TaskService tasks, InstanceService instances, DefinitionCatalog catalog, ListTexts texts,
    DepartmentDay department, TimeProvider clock)
{
    /// <summary>The most rows one query of the runtime answers (its page size cap).</summary>
    internal const int Batch = 500;

    /// <summary>The caller's inbox. An admin's inbox is their own work too: pass the caller as the page does (not as an admin).</summary>
    public async Task<byte[]> InboxAsync(Caller caller, InboxFilter filter, CultureInfo culture, CancellationToken ct = default)
    {
        var zh = IsChinese(culture);
        var now = clock.GetUtcNow();
        var names = await catalog.DisplayNamesAsync(ct);
        var found = await AllAsync(skip => tasks.QueryAsync(caller, new TaskQuery
        {
            DefinitionKey = filter.Process is { Length: > 0 } ? filter.Process : null, Overdue = filter.Overdue, DueToday = filter.DueToday,
            // The inbox's script sends the department's zone when the page names none: so does a workbook asked without one.
            TodayEndsAt = Pages.InboxModel.EndOfToday(now, filter.TimeZone is { Length: > 0 } ? filter.TimeZone : department.Zone.Id),
            Sort = filter.SortByPriority ? TaskSort.Priority : TaskSort.DueDate, Skip = skip, Take = Batch,
        }, ct));
        var rows = found.Select(t => (IReadOnlyList<object?>)
        [
            t.Name ?? t.ElementId, names.GetValueOrDefault(t.DefinitionKey, t.DefinitionKey), t.BusinessKey, Time(t.DueAt, department.Zone),
            SlaRule.Of(t.CreatedAt, t.DueAt, now) is var sla and not SlaState.None ? texts[SlaRule.TextKey(sla)].In(zh) : null,
            t.Priority, t.Assignee, Time(t.CreatedAt, department.Zone),
        ]);
        return Write(texts["Inbox.Title"], [.. texts.Of("Inbox.Column.Task", "Inbox.Column.Process", "Inbox.Column.BusinessKey",
            "Inbox.Column.Due"), new("时限", "SLA"), .. texts.Of("Inbox.Column.Priority", "Inbox.Column.Assignee", "Inbox.Column.Created")],
            rows, culture);
    }

    /// <summary>The instances of a process and a status the caller may see, newest first.</summary>
    public async Task<byte[]> InstancesAsync(Caller caller, string? process, string? status, CultureInfo culture, CancellationToken ct = default)
    {
        var zh = IsChinese(culture);
        var names = await catalog.DisplayNamesAsync(ct);
        var found = await AllAsync(skip => instances.ListAsync(process, status, skip, Batch, caller, ct));
        var rows = found.Select(i => (IReadOnlyList<object?>)
        [
            names.GetValueOrDefault(i.DefinitionKey, i.DefinitionKey), i.DefinitionKey, i.DefinitionVersion, i.BusinessKey,
            texts["Status." + i.Status].In(zh), i.StartedBy, Time(i.StartedAt, department.Zone), Time(i.EndedAt, department.Zone),
            i.OpenIncidents,
        ]);
        return Write(texts["Instances.Title"], [texts["Instances.Process"], new("流程标识", "Process key"), new("版本", "Version"),
            .. texts.Of("Instances.BusinessKey", "Instances.Status"), new("发起人", "Started by"),
            .. texts.Of("Instances.Started", "Instances.Ended", "Instances.Incidents")], rows, culture);
    }

    /// <summary>A list read page after page until it ends or fills a workbook.</summary>
    internal static async Task<List<T>> AllAsync<T>(Func<int, Task<IReadOnlyList<T>>> page)
    {
        var all = new List<T>();
        while (all.Count < MaxRows)
        {
            var next = await page(all.Count);
            all.AddRange(next);
            if (next.Count < Batch) break;
        }
        return all.Count > MaxRows ? all[..MaxRows] : all;
    }
}
