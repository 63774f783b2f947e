using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowService.Runtime.Calendars;
using WorkflowService.Runtime.Instances;
using WorkflowService.Web.Auth;

namespace WorkflowService.Web.Api;

/// <summary>A calendar in the list: enough to choose one and see whether its schedule is entered.</summary>
public sealed record CalendarSummaryDto(string Name, string TimeZone, int Version, DateTimeOffset UpdatedAt, string UpdatedBy,
    IReadOnlyList<int> ScheduledYears, int Exceptions, IReadOnlyList<int> MissingYears);

/// <summary>
/// A calendar in its JSON form (as <c>workflows/calendars/*.json</c>) with its <c>version</c> (send it back to
/// replace the calendar), its last change, and <c>missingYears</c>: this year and, from 1 December, next
/// year when their official schedule is not entered.
/// </summary>
public sealed record CalendarDto(string Name, string? TimeZone, List<string> WorkingDays, List<PeriodDocument> Periods,
    List<ExceptionDocument> Exceptions, List<int> ScheduledYears, int Version, DateTimeOffset UpdatedAt, string UpdatedBy,
    IReadOnlyList<int> MissingYears);

/// <summary>
/// A calendar to create or replace. <c>version</c>: the version read (omit, or 0, to create a new calendar); an
/// <c>If-Match</c> header with the version (<c>"3"</c>) may be sent instead. A list left out keeps its default.
/// </summary>
public sealed record CalendarRequest(string? Name, string? TimeZone, List<string>? WorkingDays, List<PeriodDocument>? Periods,
    List<ExceptionDocument>? Exceptions, List<int>? ScheduledYears, int? Version)
{
    public CalendarDocument Document => new()
    {
        Name = Name, TimeZone = TimeZone, WorkingDays = WorkingDays, Periods = Periods, Exceptions = Exceptions, ScheduledYears = ScheduledYears,
    };
}

/// <param name="From">ISO 8601 start; without an offset, the calendar's local time.</param>
/// <param name="Duration">ISO 8601 duration counted in working time: PT4H, P1D, P1DT2H.</param>
public sealed record DueRequest(string? From, string? Duration);

/// <param name="Due">ISO 8601 at the calendar zone's offset (2026-02-14T11:00:00+08:00).</param>
public sealed record DueResponse(DateTimeOffset Due);

/// <summary>Business calendars: everybody signed in reads them and counts due dates in them; admins edit them.</summary>
public static class CalendarsApi
{
    public static void MapCalendarsApi(this IEndpointRouteBuilder app)
    {
        var calendars = app.MapGroup("/api/calendars").WithTags("Calendars");
        calendars.MapGet("/", ListAsync).RequireSignedIn().WithSummary("Every calendar, with the years whose official schedule is missing");
        calendars.MapGet("/{name}", GetAsync).RequireSignedIn().Refuses(StatusCodes.Status404NotFound)
            .WithSummary("A calendar in its JSON form, with its version and missingYears");
        calendars.MapPut("/{name}", PutAsync).RequireRole(Policies.Admin).ReadsJson().Refuses(StatusCodes.Status409Conflict)
            .WithSummary("Creates (no version) or replaces (the version read, in the body or If-Match) a calendar; 400 lists every problem, 409 when it changed meanwhile");
        calendars.MapPost("/{name}/due", DueAsync).RequireSignedIn().ReadsJson().Refuses(StatusCodes.Status404NotFound)
            .WithSummary("The due date of a duration counted in the calendar from a start ({\"from\",\"duration\"} → {\"due\"})");
    }

    private static async Task<Ok<List<CalendarSummaryDto>>> ListAsync(CalendarStore store, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return TypedResults.Ok((await store.ListAsync(ct)).Select(c => new CalendarSummaryDto(c.Name,
            c.Definition.TimeZone ?? store.FallbackTimeZone, c.Version, c.UpdatedAt, c.UpdatedBy, [.. c.Definition.ScheduledYears.Order()],
            c.Definition.Exceptions.Length, MissingYears.Of(c.Definition, now, store.FallbackTimeZone))).ToList());
    }

    private static async Task<Ok<CalendarDto>> GetAsync(string name, CalendarStore store, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(Dto(await store.GetAsync(name, ct), store, clock));

    private static async Task<Results<Ok<CalendarDto>, Created<CalendarDto>, ProblemHttpResult>> PutAsync(string name, CalendarRequest request,
        CalendarStore store, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var version = request.Version;
        if (http.Request.Headers.IfMatch is { Count: > 0 } ifMatch)
        {
            if (!int.TryParse(ifMatch.ToString().Trim().Trim('"').Replace("W/", "", StringComparison.Ordinal).Trim('"'), out var tagged))
                return Problems.Invalid("If-Match", $"If-Match '{ifMatch}' is not a calendar version (\"3\")", "format");
            if (version is not null && version != tagged)
                return Problems.Invalid("version", $"The body's version {version} is not the If-Match version {tagged}", "mismatch");
            version = tagged;
        }
        var definition = request.Document.ToDefinition(name, out var errors);
        if (errors.Count > 0) return Problems.Invalid($"Calendar '{name}' is not valid: {string.Join("; ", errors.Select(e => e.Message))}", errors);
        var saved = await store.SaveAsync(http.User.UserName(), definition, version, ct);
        var dto = Dto(saved, store, clock);
        http.Response.Headers.ETag = $"\"{saved.Version}\"";
        return saved.Version == 1 ? TypedResults.Created($"/api/calendars/{Uri.EscapeDataString(name)}", dto) : TypedResults.Ok(dto);
    }

    private static Ok<DueResponse> DueAsync(string name, DueRequest request, CalendarStore store) =>
        TypedResults.Ok(new DueResponse(DuePreview.Compute(store.Require(name), request.From, request.Duration)));

    private static CalendarDto Dto(StoredCalendar c, CalendarStore store, TimeProvider clock)
    {
        var document = CalendarDocument.From(c.Definition);
        return new CalendarDto(c.Name, c.Definition.TimeZone, document.WorkingDays!, document.Periods!, document.Exceptions!,
            document.ScheduledYears!, c.Version, c.UpdatedAt, c.UpdatedBy, MissingYears.Of(c.Definition, clock.GetUtcNow(), store.FallbackTimeZone));
    }
}
