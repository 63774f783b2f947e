using System.Net;
using Microsoft.Extensions.Logging;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Pages;

/// <summary>
/// People see an error as a page inside the usual layout, in their language, with the status of
/// what happened: an address with no page is a 404, and a request that fails is a 500, whatever
/// its method (a failed form post too, with or without its antiforgery token). The log names the
/// request that failed, not the error page that answered it.
/// </summary>
public sealed class ErrorPageTests(FaultyService service) : IClassFixture<FaultyService>
{
    [Theory]
    [InlineData("en", "Page not found")]
    [InlineData("zh-CN", "页面不存在")]
    public async Task An_address_with_no_page_is_a_404_page_in_the_users_language(string language, string title)
    {
        var agent = await PageSession.SignInAsync(service.Host, "agent", language);

        var response = await agent.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(title, agent.Text("data-testid", "error-title"));
        Assert.Equal("agent", agent.Text("data-testid", "current-user"));
        Assert.Contains($"<html lang=\"{language}\">", agent.Html);
        Assert.Equal("/no-such-page", agent.InputValue("returnUrl"));
    }

    [Fact]
    public async Task A_page_the_service_refuses_with_a_404_shows_the_same_page()
    {
        var owner = await PageSession.SignInAsync(service.Host, "owner");

        var response = await owner.GetAsync("/designer/no-such-process");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", owner.Text("data-testid", "error-title"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_form_post_that_fails_shows_the_error_page_with_500(bool withToken)
    {
        var agent = await PageSession.SignInAsync(service.Host, "agent", "zh-CN");

        var response = await agent.PostFormAsync(InjectedFailure.UniquePath(InjectedFailure.PagePath),
            new() { ["comment"] = "anything" }, withToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("出错了", agent.Text("data-testid", "error-title"));
        Assert.DoesNotContain("Injected failure", agent.Html);
        Assert.DoesNotContain("not-for-callers", agent.Html);
    }

    [Fact]
    public async Task A_failure_is_logged_once_with_the_request_that_failed()
    {
        var agent = await PageSession.SignInAsync(service.Host, "agent");
        var path = InjectedFailure.UniquePath(InjectedFailure.PagePath);

        await agent.PostFormAsync(path, new() { ["comment"] = "anything" });

        var logged = Assert.Single(service.Logs.Entries, e => e.Exception?.Message == InjectedFailure.Message(path));
        Assert.Equal(LogLevel.Error, logged.Level);
        Assert.Contains($"POST {path}", logged.Message);
        Assert.DoesNotContain(service.Logs.Entries, e => e.Message.Contains("POST /error", StringComparison.Ordinal));
    }
}
