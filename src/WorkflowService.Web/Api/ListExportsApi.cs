using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowService.AfterSales.Export;
using WorkflowService.Web.Auth;
using WorkflowService.Web.Exports;

namespace WorkflowService.Web.Api;

/// <summary>
/// The runtime's lists as .xlsx workbooks for programs (the pages serve the same workbooks behind their Excel buttons):
/// the caller's inbox, the instances they may see, for admins the audit log; a calendar's dated days; the hotline's duty
/// roster, and its call log for the desk (agents, deputy managers, managers, admins). Chinese headers for a zh-CN reader
/// (Accept-Language), English ones otherwise; times in the department's zone.
/// </summary>
public static class ListExportsApi
{
    public static IServiceCollection AddListExports(this IServiceCollection services) =>
        services.AddSingleton<ListTexts>().AddScoped<TaskSheets>().AddScoped<StaffSheets>().AddScoped<CalendarSheet>();

    public static void MapListExportsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/inbox/export", InboxAsync).WithTags("Tasks").RequireSignedIn().ProducesWorkbook()
            .WithSummary("The caller's inbox as an .xlsx workbook, with the inbox's filters (process, overdue, dueToday, sort=priority, tz): open tasks assigned to them or offered to them or their groups, even for an admin");
        app.MapGet("/api/instances/export", InstancesAsync).WithTags("Instances").RequireSignedIn().ProducesWorkbook()
            .Refuses(StatusCodes.Status400BadRequest)
            .WithSummary("The instances the caller may see, by process and status, newest first, as an .xlsx workbook");
        app.MapGet("/api/audit/export", AuditAsync).WithTags("Staff").RequireRole(Policies.Admin).ProducesWorkbook()
            .WithSummary("The audit log (of one target: a user name or group:name), newest first, as an .xlsx workbook (admins)");
        app.MapGet("/api/groups/export", GroupsAsync).WithTags("Staff").RequireRole(Policies.Admin).ProducesWorkbook()
            .WithSummary("The groups with their members as an .xlsx workbook (admins)");
        app.MapGet("/api/calendars/{name}/export", CalendarAsync).WithTags("Calendars").RequireSignedIn().ProducesWorkbook()
            .Refuses(StatusCodes.Status404NotFound)
            .WithSummary("A calendar's holidays and make-up working days, by date, as an .xlsx workbook");
        app.MapGet("/api/hotline/roster/export", RosterAsync).WithTags("Hotline").RequireSignedIn().ProducesWorkbook()
            .WithSummary("The duty roster as an .xlsx workbook: the weekly shifts by day, then the dated changes by date");
        app.MapGet("/api/hotline/calls/export", CallsAsync).WithTags("Hotline").RequireRole(Policies.Desk).ProducesWorkbook()
            .Refuses(StatusCodes.Status400BadRequest)
            .WithSummary("The hotline calls that rang in the department's days from/to, from a number containing 'number', newest first, with the order each opened, as an .xlsx workbook (agents, deputy managers, managers, admins)");
    }

    private static async Task<FileContentHttpResult> InboxAsync(SignedInCaller caller, TaskSheets sheets, TimeProvider clock, string? process,
        bool? overdue, bool? dueToday, string? sort, string? tz, CancellationToken ct)
    {
        // As the inbox page: an admin may open any task, but their inbox is their own work.
        var filter = new InboxFilter(process, overdue ?? false, dueToday ?? false,
            string.Equals(sort, "priority", StringComparison.OrdinalIgnoreCase), tz);
        return SheetFiles.Workbook(await sheets.InboxAsync(caller.Value with { IsAdmin = false }, filter, CultureInfo.CurrentUICulture, ct),
            "inbox", clock);
    }

    private static async Task<FileContentHttpResult> InstancesAsync(SignedInCaller caller, TaskSheets sheets, TimeProvider clock,
        string? process, string? status, CancellationToken ct) =>
        SheetFiles.Workbook(await sheets.InstancesAsync(caller, process, status, CultureInfo.CurrentUICulture, ct), "instances", clock);

    private static async Task<FileContentHttpResult> GroupsAsync(StaffSheets sheets, TimeProvider clock, CancellationToken ct) =>
        SheetFiles.Workbook(await sheets.GroupsAsync(CultureInfo.CurrentUICulture, ct), "groups", clock);

    private static async Task<FileContentHttpResult> CalendarAsync(string name, CalendarSheet sheet, TimeProvider clock, CancellationToken ct) =>
        SheetFiles.Workbook(await sheet.DaysAsync(name, CultureInfo.CurrentUICulture, ct), "calendar-" + name, clock);

    private static async Task<FileContentHttpResult> RosterAsync(HotlineSheets sheets, TimeProvider clock, CancellationToken ct) =>
        SheetFiles.Workbook(await sheets.RosterAsync(CultureInfo.CurrentUICulture, ct), "roster", clock);

    private static async Task<FileContentHttpResult> CallsAsync(HotlineSheets sheets, TimeProvider clock, DateOnly? from, DateOnly? to,
        string? number, CancellationToken ct) =>
        SheetFiles.Workbook(await sheets.CallsAsync(from, to, number, CultureInfo.CurrentUICulture, ct), "calls", clock);

    private static async Task<FileContentHttpResult> AuditAsync(StaffSheets sheets, TimeProvider clock, string? target, CancellationToken ct) =>
        SheetFiles.Workbook(await sheets.AuditAsync(target, CultureInfo.CurrentUICulture, ct), "audit", clock);
}
