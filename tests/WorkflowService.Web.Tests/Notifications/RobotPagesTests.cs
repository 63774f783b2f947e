using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowService.Runtime.Notifications.Robots;
using WorkflowService.Testing.Robots;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Notifications;

/// <summary>The service with one robot in settings (<c>ops</c>, signed DingTalk) posting to an in-process sink.</summary>
public sealed class RobotSinkHost : HostFixture
{
    public RobotSink Sink { get; private set; } = null!;

    protected override async Task<HostSettings> SettingsAsync()
    {
        Sink = await RobotSink.StartAsync();
        return new HostSettings
        {
            Settings = new()
            {
                ["Notifications:Robots:0:Name"] = "ops", ["Notifications:Robots:0:Kind"] = "DingTalk",
                ["Notifications:Robots:0:Url"] = Sink.DingTalkUrl("settings-token-7777"),
                ["Notifications:Robots:0:Secret"] = RobotSink.DingTalkSecret, ["Notifications:Robots:0:Events"] = "breach",
            },
        };
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Sink.DisposeAsync();
    }
}

/// <summary><c>/admin/robots</c>: admins only, forms with antiforgery, URLs and secrets never shown back.</summary>
public sealed class RobotPagesTests(RobotSinkHost service) : IClassFixture<RobotSinkHost>
{
    private const string Secret = "SECabcdefghijklmnopqrstuvwxyz0123456789TAIL";
    private WorkflowHost Host => service.Host;

    [Fact]
    public async Task Only_admins_open_the_robot_pages()
    {
        var manager = await PageSession.SignInAsync(Host, "manager");
        PageSession.AssertDenied(await manager.GetAsync("/admin/robots"));
        PageSession.AssertDenied(await manager.GetAsync("/admin/robots/edit"));

        var anonymous = await PageSession.Anonymous(Host).GetAsync("/admin/robots");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/login", anonymous.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_added_robot_is_listed_masked_and_its_url_and_secret_are_never_shown_back()
    {
        var admin = await PageSession.SignInAsync(Host, "admin");
        await admin.GetPageAsync("/admin/robots/edit");
        var url = service.Sink.FeishuUrl("db-hook-secret-path-9876");

        var refused = await admin.PostFormAsync("/admin/robots/edit", Form("飞书群", "Feishu", url, Secret), withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var saved = await admin.PostFormAsync("/admin/robots/edit", Form("飞书群", "Feishu", url, Secret));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var list = await admin.PageAsync("/admin/robots");
        Assert.Contains("data-robot=\"飞书群\"", list);
        Assert.Contains($"{new Uri(url).Scheme}://127.0.0.1/…9876", list);
        Assert.Contains("••••TAIL", list);
        Assert.DoesNotContain("db-hook-secret-path", list);
        Assert.DoesNotContain(Secret, list);
        Assert.DoesNotContain("settings-token", list);

        var id = await Host.ReadAsync(db => db.Robots.Where(r => r.Name == "飞书群").Select(r => r.Id).SingleAsync());
        var edit = await admin.PageAsync($"/admin/robots/edit/{id}");
        Assert.DoesNotContain("db-hook-secret-path", edit);
        Assert.DoesNotContain(Secret, edit);
        Assert.Equal("", admin.InputValue("url"));
        Assert.Equal("", admin.InputValue("secret"));

        // Blank URL and secret on an edit keep the stored ones.
        await ApiClient.Expect(await admin.PostFormAsync($"/admin/robots/edit/{id}",
            Form("飞书群", "Feishu", "", "", events: "warning", groups: "engineers")), HttpStatusCode.Redirect);
        var row = await Host.ReadAsync(db => db.Robots.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal(("warning", "engineers"), (row.Events, row.Groups));
        // Encrypted at rest with the host's data protection keys; read back whole.
        Assert.DoesNotContain("db-hook-secret-path", row.Url);
        Assert.DoesNotContain(Secret, row.Secret);
        var robot = await Host.ReadAsync(db => Host.Services.GetRequiredService<RobotDirectory>().FindAsync(db, "飞书群", CancellationToken.None));
        Assert.Equal((url, Secret), (robot!.Url, robot.Secret));
    }

    [Fact]
    public async Task A_database_robot_hides_the_settings_robot_of_the_same_name_and_the_page_says_so()
    {
        var admin = await PageSession.SignInAsync(Host, "admin");
        await admin.GetPageAsync("/admin/robots/edit");
        await ApiClient.Expect(await admin.PostFormAsync("/admin/robots/edit",
            Form("OPS", "WeCom", service.Sink.WeComUrl("db-ops-key-1234"), "")), HttpStatusCode.Redirect);

        await admin.PageAsync("/admin/robots");
        Assert.Contains("data-source=\"Database\"", admin.Tag("data-robot", "OPS"));
        Assert.Contains("data-source=\"Settings\"", admin.Tag("data-robot", "ops"));
        Assert.Contains("data-testid=\"hides-settings\"", admin.Html);
        Assert.Contains("data-testid=\"hidden-by\"", admin.Html);

        // The test button posts to the database's robot (WeCom), not the settings' (DingTalk).
        var before = service.Sink.Of("wecom").Count;
        await ApiClient.Expect(await admin.PostFormAsync("/admin/robots?handler=Test", new() { ["name"] = "ops" }), HttpStatusCode.Redirect);
        var result = await admin.PageAsync("/admin/robots");
        Assert.Contains("accepted the test message", admin.Text("data-testid", "test-result"));
        Assert.Equal(before + 1, service.Sink.Of("wecom").Count);
        Assert.Contains("测试消息", service.Sink.Of("wecom")[^1].Body);
        Assert.DoesNotContain("db-ops-key", result);

        var id = await Host.ReadAsync(db => db.Robots.Where(r => r.Name == "OPS").Select(r => r.Id).SingleAsync());
        await ApiClient.Expect(await admin.PostFormAsync("/admin/robots?handler=Delete", new() { ["id"] = $"{id}" }), HttpStatusCode.Redirect);
        await admin.PageAsync("/admin/robots");
        Assert.DoesNotContain("data-robot=\"OPS\"", admin.Html);
    }

    [Fact]
    public async Task A_robot_without_a_valid_url_is_refused_beside_the_field_and_the_secret_is_not_echoed()
    {
        var admin = await PageSession.SignInAsync(Host, "admin");
        await admin.GetPageAsync("/admin/robots/edit");

        var response = await admin.PostFormAsync("/admin/robots/edit", Form("bad", "WeCom", "not a url", Secret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("must be an http(s) address", admin.Text("data-error-for", "url"));
        Assert.DoesNotContain(Secret, admin.Html);
        Assert.Equal("bad", admin.InputValue("name"));
    }

    private static Dictionary<string, string> Form(string name, string kind, string url, string secret,
        string events = "breach", string groups = "") => new()
    {
        ["name"] = name, ["kind"] = kind, ["url"] = url, ["secret"] = secret, ["events"] = events, ["groups"] = groups,
    };
}
