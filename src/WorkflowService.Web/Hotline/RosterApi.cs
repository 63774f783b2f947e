using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowService.AfterSales.Hotline;
using WorkflowService.Web.Api;
using WorkflowService.Web.Auth;

namespace WorkflowService.Web.Hotline;

/// <summary>A roster as sent to <c>PUT /api/hotline/roster</c>; <see cref="Revision"/> is the one read (0 before the first save).</summary>
public sealed record RosterRequest(List<WeeklyShift>? Weekly, List<DatedShift>? Changes, string? ForwardingMobile, int? Revision)
{
    public DutyRoster Roster => new(Weekly ?? [], Changes ?? [], ForwardingMobile, Revision ?? 0);
}

/// <summary>The hotline's duty roster (值班表): read by anyone signed in, replaced by managers and admins.</summary>
public static class RosterApi
{
    public static void MapRosterApi(this IEndpointRouteBuilder app)
    {
        var hotline = app.MapGroup("/api/hotline").WithTags("Hotline");
        hotline.MapGet("/roster", GetAsync).RequireSignedIn()
            .WithSummary("The duty roster: weekly shifts, dated changes (replacing the week's shifts that day) and the forwarding mobile");
        hotline.MapPut("/roster", PutAsync).RequireRole(Policies.Supervisor).ReadsJson().Refuses(StatusCodes.Status409Conflict)
            .WithSummary("Replaces the duty roster (managers, process owners, admins); 400 names each field, 409 when revision is not the current one");
        hotline.MapGet("/on-duty", OnDutyAsync).RequireSignedIn().Refuses(StatusCodes.Status400BadRequest)
            .WithSummary("Who a call ringing at 'at' (ISO 8601; default now) is for: the agents on duty, or forwarded and when it is called back");
    }

    private static async Task<Ok<DutyRoster>> GetAsync(DutyRosterStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.GetAsync(ct));

    private static async Task<Ok<DutyRoster>> PutAsync(RosterRequest request, SignedInCaller caller, DutyRosterStore store,
        CancellationToken ct) =>
        TypedResults.Ok(await store.SaveAsync(request.Roster, caller.Value.UserName, ct));

    private static async Task<Ok<DutyAt>> OnDutyAsync(DateTimeOffset? at, HotlineDuty duty, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await duty.AtAsync(at ?? clock.GetUtcNow(), ct));
}
