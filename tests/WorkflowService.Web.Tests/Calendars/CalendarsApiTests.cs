using System.Net;
using System.Net.Http.Json;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Calendars;

/// <summary>
/// The calendars API on the real service: the shipped <c>default</c> calendar seeded at start-up, a calendar
/// created, read back and replaced with its version, refusals that name every problem, and due dates counted in
/// the calendar (the issue's examples).
/// </summary>
public sealed class CalendarsApiTests(ShippedCalendarService service) : IClassFixture<ShippedCalendarService>
{
    private static object Calendar(int? version = null, object? exceptions = null, object? periods = null, string? timeZone = "Asia/Shanghai") => new
    {
        timeZone,
        workingDays = new[] { "monday", "tuesday", "wednesday", "thursday", "friday" },
        periods = periods ?? new[] { new { start = "09:00", end = "12:00" }, new { start = "13:00", end = "18:00" } },
        exceptions = exceptions ?? new[]
        {
            new { date = "2026-10-01", working = false, name = "国庆节" },
            new { date = "2026-10-10", working = true, name = "国庆节调休上班" },
        },
        scheduledYears = new[] { 2026 },
        version,
    };

    private static string NewName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task The_default_calendar_is_seeded_from_the_shipped_file_with_Chinas_2025_and_2026_schedule()
    {
        var agent = await service.As("agent");

        var calendar = await agent.GetJsonAsync("/api/calendars/default");

        Assert.Equal("default", calendar.GetProperty("name").GetString());
        Assert.Equal("Asia/Shanghai", calendar.GetProperty("timeZone").GetString());
        Assert.Equal([2025, 2026], calendar.GetProperty("scheduledYears").EnumerateArray().Select(y => y.GetInt32()));
        Assert.Equal("system", calendar.GetProperty("updatedBy").GetString());
        var exceptions = calendar.GetProperty("exceptions").EnumerateArray().ToList();
        Assert.Contains(exceptions, e => e.GetProperty("date").GetString() == "2026-02-14" && e.GetProperty("working").GetBoolean());
        Assert.Contains(exceptions, e => e.GetProperty("date").GetString() == "2026-10-01" && !e.GetProperty("working").GetBoolean());
        var list = await agent.GetJsonAsync("/api/calendars");
        Assert.Contains(list.EnumerateArray(), c => c.GetProperty("name").GetString() == "default");
        var audit = await (await service.As("admin")).GetJsonAsync("/api/audit?target=calendar:default");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "calendar.seeded");
    }

    [Fact]
    public async Task A_calendar_put_is_read_back_as_it_was_put_and_replaced_with_its_version()
    {
        var admin = await service.As("admin");
        var name = NewName("north");

        var created = await admin.Http.PutAsJsonAsync($"/api/calendars/{name}", Calendar());
        await ApiClient.Expect(created, HttpStatusCode.Created);
        var read = await admin.GetJsonAsync($"/api/calendars/{name}");

        Assert.Equal(1, read.GetProperty("version").GetInt32());
        Assert.Equal("admin", read.GetProperty("updatedBy").GetString());
        Assert.Equal("""[{"start":"09:00","end":"12:00"},{"start":"13:00","end":"18:00"}]""", read.GetProperty("periods").GetRawText());
        Assert.Equal([("2026-10-01", false, "国庆节"), ("2026-10-10", true, "国庆节调休上班")], read.GetProperty("exceptions").EnumerateArray()
            .Select(e => (e.GetProperty("date").GetString(), e.GetProperty("working").GetBoolean(), e.GetProperty("name").GetString())));

        var replaced = await admin.Http.PutAsJsonAsync($"/api/calendars/{name}", Calendar(version: 1, exceptions: Array.Empty<object>()));
        await ApiClient.Expect(replaced, HttpStatusCode.OK);
        Assert.Equal("\"2\"", replaced.Headers.ETag?.ToString());
        var again = await admin.GetJsonAsync($"/api/calendars/{name}");
        Assert.Equal(2, again.GetProperty("version").GetInt32());
        Assert.Empty(again.GetProperty("exceptions").EnumerateArray());
        var audit = await admin.GetJsonAsync($"/api/audit?target=calendar:{name}");
        Assert.Equal(["calendar.replaced", "calendar.created"], audit.EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        Assert.Equal("exceptions −2026-10-01 off 国庆节, −2026-10-10 on 国庆节调休上班", audit[0].GetProperty("details").GetString());
    }

    [Fact]
    public async Task A_stale_version_is_refused_with_409_and_changes_nothing()
    {
        var admin = await service.As("admin");
        var name = NewName("stale");
        await ApiClient.Expect(await admin.Http.PutAsJsonAsync($"/api/calendars/{name}", Calendar()), HttpStatusCode.Created);
        await ApiClient.Expect(await admin.Http.PutAsJsonAsync($"/api/calendars/{name}", Calendar(version: 1)), HttpStatusCode.OK);

        var stale = await admin.Http.PutAsJsonAsync($"/api/calendars/{name}", Calendar(version: 1, exceptions: Array.Empty<object>()));
        var problem = await ApiClient.ExpectProblemAsync(stale, HttpStatusCode.Conflict);
        Assert.Contains("version 2", problem.GetProperty("detail").GetString());

        using var ifMatch = new HttpRequestMessage(HttpMethod.Put, $"/api/calendars/{name}") { Content = JsonContent.Create(Calendar()) };
        ifMatch.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        await ApiClient.ExpectProblemAsync(await admin.Http.SendAsync(ifMatch), HttpStatusCode.Conflict);
        var recreate = await admin.Http.PutAsJsonAsync($"/api/calendars/{name}", Calendar());
        await ApiClient.ExpectProblemAsync(recreate, HttpStatusCode.Conflict);
        Assert.Equal(2, (await admin.GetJsonAsync($"/api/calendars/{name}")).GetProperty("exceptions").GetArrayLength());
    }

    [Fact]
    public async Task An_invalid_calendar_is_refused_with_400_naming_every_problem()
    {
        var admin = await service.As("admin");
        var name = NewName("bad");
        var body = new
        {
            timeZone = "Mars/Olympus",
            workingDays = new[] { "monday", "someday" },
            periods = new[] { new { start = "08:30", end = "12:00" }, new { start = "11:00", end = "14:00" }, new { start = "25:00", end = "26:00" } },
            exceptions = new[] { new { date = "2026-02-30", working = false, name = "?" } },
            scheduledYears = new[] { 2026 },
        };

        var problem = await ApiClient.ExpectProblemAsync(await admin.Http.PutAsJsonAsync($"/api/calendars/{name}", body), HttpStatusCode.BadRequest);
        var fields = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Equal(["workingDays[1]", "periods[2].start", "periods[2].end", "exceptions[0].date"], fields);

        // Values that read but do not make a calendar: the engine's rules, each with its place.
        var invalid = await admin.Http.PutAsJsonAsync($"/api/calendars/{name}", body with
        {
            workingDays = ["monday", "monday"],
            periods = [new { start = "08:30", end = "12:00" }, new { start = "11:00", end = "14:00" }],
            exceptions = [new { date = "2026-02-16", working = false, name = "?" }],
        });
        problem = await ApiClient.ExpectProblemAsync(invalid, HttpStatusCode.BadRequest);
        fields = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Equal(["timeZone", "workingDays[1]", "periods[1]"], fields);
        await ApiClient.ExpectProblemAsync(await admin.GetAsync($"/api/calendars/{name}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_admins_may_put_a_calendar()
    {
        var manager = await service.As("manager");

        var response = await manager.Http.PutAsJsonAsync($"/api/calendars/{NewName("mine")}", Calendar());

        await ApiClient.ExpectProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Four_working_hours_from_Friday_afternoon_before_the_Spring_Festival_end_on_the_make_up_Saturday()
    {
        var agent = await service.As("agent");

        var due = await agent.PostJsonAsync("/api/calendars/default/due", new { from = "2026-02-13T16:00:00+08:00", duration = "PT4H" }, HttpStatusCode.OK);

        Assert.Equal("2026-02-14T11:00:00+08:00", due.GetProperty("due").GetString());
    }

    [Fact]
    public async Task One_working_day_from_the_make_up_Saturday_is_the_Tuesday_after_the_Spring_Festival()
    {
        var agent = await service.As("agent");

        var due = await agent.PostJsonAsync("/api/calendars/default/due", new { from = "2026-02-14T02:00:00Z", duration = "P1D" }, HttpStatusCode.OK);

        Assert.Equal("2026-02-24T10:00:00+08:00", due.GetProperty("due").GetString());
    }

    [Fact]
    public async Task A_due_request_is_refused_naming_the_field_and_an_unknown_calendar_is_404()
    {
        var agent = await service.As("agent");

        var badFrom = await ApiClient.ExpectProblemAsync(
            await agent.PostAsync("/api/calendars/default/due", new { from = "Friday", duration = "PT4H" }), HttpStatusCode.BadRequest);
        var badDuration = await ApiClient.ExpectProblemAsync(
            await agent.PostAsync("/api/calendars/default/due", new { from = "2026-02-13T16:00:00+08:00", duration = "P1M" }), HttpStatusCode.BadRequest);
        var missing = await ApiClient.ExpectProblemAsync(
            await agent.PostAsync("/api/calendars/default/due", new { from = "2026-02-13T16:00:00+08:00", duration = "four hours" }), HttpStatusCode.BadRequest);

        Assert.Equal("from", Assert.Single(badFrom.GetProperty("errors").EnumerateArray()).GetProperty("field").GetString());
        Assert.Equal("duration", Assert.Single(badDuration.GetProperty("errors").EnumerateArray()).GetProperty("field").GetString());
        Assert.Equal("duration", Assert.Single(missing.GetProperty("errors").EnumerateArray()).GetProperty("field").GetString());
        await ApiClient.ExpectProblemAsync(
            await agent.PostAsync("/api/calendars/nowhere/due", new { from = "2026-02-13T16:00:00+08:00", duration = "PT4H" }), HttpStatusCode.NotFound);
        await ApiClient.ExpectProblemAsync(await agent.GetAsync("/api/calendars/nowhere"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_start_without_an_offset_is_the_calendars_local_time()
    {
        var agent = await service.As("agent");

        var due = await agent.PostJsonAsync("/api/calendars/default/due", new { from = "2026-02-13T16:00", duration = "PT4H" }, HttpStatusCode.OK);

        Assert.Equal("2026-02-14T11:00:00+08:00", due.GetProperty("due").GetString());
    }
}
