using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Pages;

/// <summary>
/// The designer page answers its "SLA / working time" group (issue 12) as the calendars API would, with the page's
/// cookie and antiforgery token instead of a bearer token: the calendars to choose from, and a due date counted in one.
/// </summary>
public sealed class DesignerCalendarHandlerTests : IAsyncLifetime
{
    private readonly WorkflowHost _host = new();
    private PageSession _owner = null!;

    public async Task InitializeAsync()
    {
        _owner = await PageSession.SignInAsync(_host, "owner");
        await _owner.GetPageAsync("/designer/complaint");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_calendars_to_choose_from_are_the_stored_ones_with_their_zone()
    {
        var response = await _owner.Http.SendAsync(JsonGet("/designer/complaint?handler=Calendars"));

        await ApiClient.Expect(response, HttpStatusCode.OK);
        var calendars = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        var shipped = Assert.Single(calendars, c => c.GetProperty("name").GetString() == "default");
        Assert.Equal("Asia/Shanghai", shipped.GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task Someone_who_may_not_design_gets_no_calendars_from_the_designer()
    {
        var agent = await PageSession.SignInAsync(_host, "agent");

        var response = await agent.Http.SendAsync(JsonGet("/designer/complaint?handler=Calendars"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("2026-02-13T16:00:00+08:00", "PT4H", "2026-02-14T11:00:00+08:00")] // into the make-up Saturday
    [InlineData("2026-02-14T10:00:00+08:00", "P1D", "2026-02-24T10:00:00+08:00")] // over the Spring Festival
    [InlineData("2026-02-13T08:00:00Z", "PT4H", "2026-02-14T11:00:00+08:00")] // a start in UTC, the due at the calendar's offset
    public async Task A_due_date_is_counted_in_the_calendar_and_given_at_its_offset(string from, string duration, string due)
    {
        var response = await PostDueAsync(new { calendar = "default", from, duration });

        await ApiClient.Expect(response, HttpStatusCode.OK);
        Assert.Equal(due, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("due").GetString());
    }

    [Theory]
    [InlineData("default", "2026-02-13T16:00:00+08:00", "four hours", HttpStatusCode.BadRequest, "not an ISO 8601 duration")]
    [InlineData("default", "2026-02-13T16:00:00+08:00", "P1Y", HttpStatusCode.BadRequest, "'P1Y' counts years or months")]
    [InlineData("default", "friday", "PT4H", HttpStatusCode.BadRequest, "'friday' is not an ISO 8601 date and time")]
    [InlineData("", "2026-02-13T16:00:00+08:00", "PT4H", HttpStatusCode.BadRequest, "Name the calendar")]
    [InlineData("workshop", "2026-02-13T16:00:00+08:00", "PT4H", HttpStatusCode.NotFound, "workshop")]
    public async Task A_due_date_that_cannot_be_counted_is_refused_as_problem_details_saying_why(
        string calendar, string from, string duration, HttpStatusCode status, string reason)
    {
        var response = await PostDueAsync(new { calendar, from, duration });

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_and_so_is_one_without_the_antiforgery_token()
    {
        var notJson = Post(new StringContent("calendar=default", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, (await _owner.Http.SendAsync(notJson)).StatusCode);

        var withoutToken = new HttpRequestMessage(HttpMethod.Post, "/designer/complaint?handler=Due")
        {
            Content = JsonContent.Create(new { calendar = "default", from = "2026-02-13T16:00:00+08:00", duration = "PT4H" }),
        };
        var refused = await _owner.Http.SendAsync(withoutToken);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotEqual("application/json", refused.Content.Headers.ContentType?.MediaType);
    }

    private static HttpRequestMessage JsonGet(string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    /// <summary>As the page's script posts: JSON, the antiforgery token in the RequestVerificationToken header.</summary>
    private HttpRequestMessage Post(HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/designer/complaint?handler=Due") { Content = content };
        request.Headers.Add("RequestVerificationToken", _owner.Token());
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    private Task<HttpResponseMessage> PostDueAsync(object body) => _owner.Http.SendAsync(Post(JsonContent.Create(body)));
}
