using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Web.Auth;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Auth;

/// <summary>
/// A locked-out account is refused exactly like an unknown user name or a wrong password, by the
/// API and by the sign-in page, so guessing cannot tell which accounts exist. The lockout itself
/// is told to the log only.
/// </summary>
public sealed class LockoutTests(FaultyService service) : IClassFixture<FaultyService>
{
    /// <summary>Identity's MaxFailedAccessAttempts (AuthSetup).</summary>
    private const int AttemptsBeforeLockout = 5;

    [Fact]
    public async Task An_unknown_user_a_wrong_password_and_a_locked_out_user_get_the_same_answer_from_the_api()
    {
        var user = await NewUserAsync();
        var client = service.Host.CreateClient();
        var wrongPassword = await TokenAsync(client, user, "wrong-password-0");
        for (var i = 1; i < AttemptsBeforeLockout; i++) await TokenAsync(client, user, $"wrong-password-{i}");
        Assert.True(await IsLockedOutAsync(user));

        var lockedOut = await TokenAsync(client, user, WorkflowHost.DemoPassword);
        var unknown = await TokenAsync(client, $"nobody-{Guid.NewGuid():N}"[..15], WorkflowHost.DemoPassword);

        var expected = await AnswerAsync(unknown);
        Assert.Equal(expected, await AnswerAsync(wrongPassword));
        Assert.Equal(expected, await AnswerAsync(lockedOut));
        Assert.Contains(service.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains(user, StringComparison.Ordinal)
                                                   && e.Message.Contains("locked out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_sign_in_page_tells_a_locked_out_user_what_it_tells_a_wrong_password()
    {
        var user = await NewUserAsync();
        var browser = PageSession.Anonymous(service.Host);
        await browser.GetAsync("/login");
        for (var i = 0; i < AttemptsBeforeLockout; i++) await SignInAsync(browser, user, $"wrong-password-{i}");
        var wrongPassword = browser.Text("data-testid", "login-error");
        Assert.True(await IsLockedOutAsync(user));

        var response = await SignInAsync(browser, user, WorkflowHost.DemoPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(wrongPassword, browser.Text("data-testid", "login-error"));
        await SignInAsync(browser, $"nobody-{Guid.NewGuid():N}"[..15], WorkflowHost.DemoPassword);
        Assert.Equal(wrongPassword, browser.Text("data-testid", "login-error"));
        Assert.Equal("Unknown user name or wrong password.", wrongPassword);
    }

    [Fact]
    public async Task An_unknown_user_and_a_locked_out_user_cost_a_password_check_as_a_wrong_password_does()
    {
        var user = await NewUserAsync();
        var client = service.Host.CreateClient();
        var browser = PageSession.Anonymous(service.Host);
        await browser.GetAsync("/login");
        var nobody = $"nobody-{Guid.NewGuid():N}"[..15];

        var wrongPassword = await ChecksDuringAsync(() => TokenAsync(client, user, "wrong-password-0"));
        for (var i = 1; i < AttemptsBeforeLockout; i++) await TokenAsync(client, user, $"wrong-password-{i}");
        Assert.True(await IsLockedOutAsync(user));

        Assert.Equal(1, wrongPassword);
        Assert.Equal(1, await ChecksDuringAsync(() => TokenAsync(client, user, WorkflowHost.DemoPassword)));
        Assert.Equal(1, await ChecksDuringAsync(() => TokenAsync(client, nobody, WorkflowHost.DemoPassword)));
        Assert.Equal(1, await ChecksDuringAsync(() => SignInAsync(browser, user, WorkflowHost.DemoPassword)));
        Assert.Equal(1, await ChecksDuringAsync(() => SignInAsync(browser, nobody, WorkflowHost.DemoPassword)));
    }

    /// <summary>How many passwords the service checked while answering.</summary>
    private async Task<int> ChecksDuringAsync(Func<Task<HttpResponseMessage>> request)
    {
        var before = service.Passwords.Checks;
        var response = await request();
        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        return service.Passwords.Checks - before;
    }

    private async Task<string> NewUserAsync()
    {
        var user = $"lock-{Guid.NewGuid():N}"[..13];
        await service.Host.CreateUserAsync(user, Roles.Agent);
        return user;
    }

    private async Task<bool> IsLockedOutAsync(string user)
    {
        using var scope = service.Host.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkflowUser>>();
        return await users.IsLockedOutAsync((await users.FindByNameAsync(user))!);
    }

    private static Task<HttpResponseMessage> TokenAsync(HttpClient client, string user, string password) =>
        client.PostAsJsonAsync("/api/auth/token", new { userName = user, password });

    private static Task<HttpResponseMessage> SignInAsync(PageSession browser, string user, string password) =>
        browser.PostFormAsync("/login", new() { ["UserName"] = user, ["Password"] = password });

    /// <summary>Status, content type and body, less the trace id that differs from request to request.</summary>
    private static async Task<string> AnswerAsync(HttpResponseMessage response)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        body.Remove("traceId");
        return $"{(int)response.StatusCode} {response.Content.Headers.ContentType} {body.ToJsonString(new JsonSerializerOptions())}";
    }
}
