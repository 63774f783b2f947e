using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WorkflowService.Runtime.Definitions;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Pages;

/// <summary>One host for the access rules: every request here is refused or leaves the data as it was.</summary>
public sealed class DesignerHostFixture : IAsyncLifetime
{
    public WorkflowHost Host { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class DesignerAccessTests(DesignerHostFixture fixture) : IClassFixture<DesignerHostFixture>
{
    private WorkflowHost Host => fixture.Host;

    private static readonly string[] Pages =
        ["/designer", "/designer/repair", "/designer/new", "/designer?handler=Xml&key=repair&version=1"];

    private static readonly string[] HandlerUrls =
    [
        "/designer/repair?handler=Validate", "/designer/repair?handler=SaveDraft", "/designer/repair?handler=Publish",
        "/designer/new?handler=SaveDraft", "/designer/new?handler=Publish",
    ];

    public static TheoryData<string> XmlHandlers => new(HandlerUrls);

    [Theory]
    [InlineData("agent")]
    [InlineData("engineer")]
    [InlineData("manager")]
    public async Task Every_designer_page_and_handler_is_refused_to_staff_without_the_designer_role(string user)
    {
        var session = await PageSession.SignInAsync(Host, user);
        // A token valid for this user, from a page they may see, so only the role can be the reason.
        await session.GetPageAsync("/denied");
        var changedRepair = DesignerDiagrams.Repair().Replace("name=\"受理登记\"", "name=\"Taken over\"");

        foreach (var page in Pages) AssertRefused(await session.Http.GetAsync(page), page);
        foreach (var handler in HandlerUrls) AssertRefused(await session.PostXmlAsync(handler, changedRepair), handler);
        AssertRefused(await session.PostFileAsync("/designer?handler=Upload", "file", "repair.bpmn", "x"u8.ToArray()), "upload");

        Assert.Null(await Host.Services.GetRequiredService<DraftService>().LoadAsync("repair"));
        var owner = await PageSession.SignInAsync(Host, "owner");
        Assert.DoesNotContain("Taken over", await owner.GetPageAsync("/designer/repair"));
    }

    [Theory]
    [InlineData("owner")]
    [InlineData("admin")]
    public async Task Process_owners_and_admins_may_use_every_designer_page_and_handler(string user)
    {
        var session = await PageSession.SignInAsync(Host, user);
        foreach (var page in Pages) await ApiClient.Expect(await session.Http.GetAsync(page), HttpStatusCode.OK);

        await session.GetPageAsync("/designer/repair");
        var repair = DesignerDiagrams.Repair();
        await ApiClient.Expect(await session.PostXmlAsync("/designer/repair?handler=Validate", repair), HttpStatusCode.OK);
        // Publishing the unchanged file is allowed and publishes nothing new.
        await ApiClient.Expect(await session.PostXmlAsync("/designer/repair?handler=Publish", repair), HttpStatusCode.OK);
        var draftXml = repair.Replace("id=\"repair\"", $"id=\"{user}-copy\"");
        await ApiClient.Expect(await session.PostXmlAsync("/designer/new?handler=SaveDraft", draftXml), HttpStatusCode.OK);
        Assert.NotNull(await Host.Services.GetRequiredService<DraftService>().LoadAsync($"{user}-copy"));
    }

    [Theory]
    [MemberData(nameof(XmlHandlers))]
    public async Task A_handler_post_without_the_antiforgery_token_is_refused_with_400(string handler)
    {
        var session = await PageSession.SignInAsync(Host, "owner");
        await session.GetPageAsync("/designer/repair");

        var response = await session.PostXmlAsync(handler, DesignerDiagrams.Repair(), withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_upload_without_the_antiforgery_token_is_refused_with_400()
    {
        var session = await PageSession.SignInAsync(Host, "owner");
        await session.GetPageAsync("/designer");

        var response = await session.PostFileAsync("/designer?handler=Upload", "file", "broken.bpmn",
            System.Text.Encoding.UTF8.GetBytes(DesignerDiagrams.BrokenGateway), withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await Host.Services.GetRequiredService<DraftService>().LoadAsync("warranty-check"));
    }

    [Fact]
    public async Task A_token_rendered_for_another_user_does_not_pass()
    {
        var agent = await PageSession.SignInAsync(Host, "agent");
        await agent.GetPageAsync("/denied");
        var owner = await PageSession.SignInAsync(Host, "owner");

        var request = new HttpRequestMessage(HttpMethod.Post, "/designer/repair?handler=Validate")
        {
            Content = new StringContent(DesignerDiagrams.Repair(), System.Text.Encoding.UTF8, "application/xml"),
        };
        request.Headers.Add("RequestVerificationToken", agent.Token());

        Assert.Equal(HttpStatusCode.BadRequest, (await owner.Http.SendAsync(request)).StatusCode);
    }

    private static void AssertRefused(HttpResponseMessage response, string what)
    {
        if (response.StatusCode == HttpStatusCode.Forbidden) return;
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{what}: {(int)response.StatusCode}, expected a redirect to /denied or 403");
        Assert.StartsWith("/denied", response.Headers.Location?.OriginalString.Replace("http://localhost", ""));
    }
}
