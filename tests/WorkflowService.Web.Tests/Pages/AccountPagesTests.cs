using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WorkflowService.Runtime.Staff;
using WorkflowService.Web.Tests.Support;
using static WorkflowService.Web.Tests.Support.StaffShortcuts;

namespace WorkflowService.Web.Tests.Pages;

/// <summary>Every person's own account: the password change a new person is sent to, and the page language.</summary>
public sealed class AccountPagesTests(RealClockService service) : IClassFixture<RealClockService>
{
    private WorkflowHost Host => service.Host;

    [Fact]
    public async Task A_new_person_is_sent_to_change_the_password_and_afterwards_the_inbox_opens()
    {
        var userName = NewName("wangfang");
        await Host.CreatePersonAsync(userName, StaffRoles.Engineer, "engineers");
        var (person, signedIn) = await Host.SignInWithAsync(userName, FirstPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        var inbox = await person.GetAsync("/inbox");

        Assert.Equal(HttpStatusCode.Redirect, inbox.StatusCode);
        Assert.Equal("/account/password?returnUrl=%2Finbox", inbox.Headers.Location!.OriginalString);
        await person.PageAsync("/account/password?returnUrl=%2Finbox");
        Assert.Contains("set by an administrator", person.Text("data-testid", "must-change-password"));

        var mismatch = await person.PostFormAsync("/account/password", new()
        {
            ["returnUrl"] = "/inbox", ["currentPassword"] = FirstPassword, ["newPassword"] = "my-own-password-2", ["repeatPassword"] = "my-own-password-3",
        });
        Assert.Equal(HttpStatusCode.OK, mismatch.StatusCode);
        Assert.Equal("The two new passwords differ.", person.Text("data-error-for", "repeatPassword"));

        var wrong = await person.PostFormAsync("/account/password", new()
        {
            ["returnUrl"] = "/inbox", ["currentPassword"] = "not-my-password-1", ["newPassword"] = "my-own-password-2", ["repeatPassword"] = "my-own-password-2",
        });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal("The current password is wrong.", person.Text("data-error-for", "currentPassword"));

        var changed = await person.PostFormAsync("/account/password", new()
        {
            ["returnUrl"] = "/inbox", ["currentPassword"] = FirstPassword, ["newPassword"] = "my-own-password-2", ["repeatPassword"] = "my-own-password-2",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/inbox", changed.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync("/inbox")).StatusCode);
        Assert.False((await Host.FindPersonAsync(userName))!.MustChangePassword);
        var (_, again) = await Host.SignInWithAsync(userName, "my-own-password-2");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("/", again.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Choosing_a_language_in_my_account_switches_the_pages_and_the_next_sign_in()
    {
        var userName = NewName("chen");
        await Host.CreatePersonAsync(userName, StaffRoles.Finance, "finance");
        using (var scope = Host.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<StaffDirectory>().ChangeOwnPasswordAsync(userName, FirstPassword, "own-password-42");
        var (person, _) = await Host.SignInWithAsync(userName, "own-password-42");
        await person.PageAsync("/account");

        var saved = await person.PostFormAsync("/account", new() { ["email"] = "chen@example.com", ["language"] = "zh-CN" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await person.PageAsync("/account");
        Assert.Contains("我的账户", person.Html);
        Assert.Equal("chen@example.com", person.InputValue("email"));
        var (later, _) = await Host.SignInWithAsync(userName, "own-password-42");
        await later.PageAsync("/inbox");
        Assert.Contains("<html lang=\"zh-CN\">", later.Html);

        await person.PostFormAsync("/account", new() { ["email"] = "chen@example.com", ["language"] = "" });
        await person.PageAsync("/account");
        Assert.Contains("<html lang=\"en\">", person.Html); // the browser's language (none given: English) again
        Assert.Null((await Host.FindPersonAsync(userName))!.Language);
    }

    [Fact]
    public async Task A_password_the_rules_refuse_is_explained_in_Chinese_with_the_rule_and_the_current_password_too()
    {
        var userName = NewName("zhaolei");
        await Host.CreatePersonAsync(userName, StaffRoles.Engineer, "engineers");
        var (person, _) = await Host.SignInWithAsync(userName, FirstPassword, "zh-CN");
        await person.PageAsync("/account/password");

        await person.PostFormAsync("/account/password", new()
        {
            ["currentPassword"] = FirstPassword, ["newPassword"] = "short1", ["repeatPassword"] = "short1",
        });
        Assert.Equal("密码至少需要 10 个字符。", person.Text("data-error-for", "newPassword"));

        await person.PostFormAsync("/account/password", new()
        {
            ["currentPassword"] = "not-my-password-1", ["newPassword"] = "my-own-password-2", ["repeatPassword"] = "my-own-password-2",
        });
        Assert.Equal("当前密码不正确。", person.Text("data-error-for", "currentPassword"));
        Assert.True((await Host.FindPersonAsync(userName))!.MustChangePassword);
    }
}
