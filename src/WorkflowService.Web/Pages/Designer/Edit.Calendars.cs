using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using WorkflowService.Runtime.Calendars;
using WorkflowService.Runtime.Instances;

namespace WorkflowService.Web.Pages.Designer;

/// <summary>What the designer's "SLA / working time" group asks for a due-time preview (the API's DueRequest, with the calendar).</summary>
public sealed record DesignerDueRequest(string? Calendar, string? From, string? Duration);

/// <summary>
/// The business calendars for the properties panel (ClientApp/src/designer/calendars.js). The page's script has
/// the sign-in cookie, which never reaches <c>/api</c> (bearer tokens only, AuthSetup), so the page answers the
/// API's two questions itself, in the API's shapes and with its rules (<see cref="DuePreview"/>):
/// <c>?handler=Calendars</c> is <c>GET /api/calendars</c> (name and zone of each), <c>?handler=Due</c> is
/// <c>POST /api/calendars/{name}/due</c> with the name in the body (antiforgery token in the header).
/// </summary>
public sealed partial class EditModel
{
    public async Task<IActionResult> OnGetCalendarsAsync([FromServices] CalendarStore calendars, CancellationToken ct) =>
        new JsonResult((await calendars.ListAsync(ct))
            .Select(c => new { name = c.Name, timeZone = c.Definition.TimeZone ?? calendars.FallbackTimeZone }));

    /// <summary><c>{"due"}</c> at the calendar zone's offset; 400 (bad start or duration) and 404 (no such calendar) as problem details.</summary>
    public async Task<IActionResult> OnPostDueAsync([FromServices] CalendarStore calendars, CancellationToken ct)
    {
        DesignerDueRequest? request;
        try
        {
            request = await Request.ReadFromJsonAsync<DesignerDueRequest>(ct);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return Refused(StatusCodes.Status400BadRequest, "The request is not a JSON object {\"calendar\",\"from\",\"duration\"}");
        }
        if (string.IsNullOrWhiteSpace(request?.Calendar))
            return Refused(StatusCodes.Status400BadRequest, "Name the calendar");
        try
        {
            return new JsonResult(new { due = DuePreview.Compute(calendars.Require(request.Calendar), request.From, request.Duration) });
        }
        catch (ValidationException invalid)
        {
            return Refused(StatusCodes.Status400BadRequest, invalid.Message);
        }
        catch (NotFoundException missing)
        {
            return Refused(StatusCodes.Status404NotFound, missing.Message);
        }
    }
}
