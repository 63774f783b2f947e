using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WorkflowService.Runtime.Definitions;
using WorkflowService.Web.Pages.Designer;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Pages;

public sealed partial class DesignerPageTests : IAsyncLifetime
{
    private readonly WorkflowHost _host = new();
    private PageSession _owner = null!;

    public async Task InitializeAsync() => _owner = await PageSession.SignInAsync(_host, "owner");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private DraftService Drafts => _host.Services.GetRequiredService<DraftService>();

    [Fact]
    public async Task Validate_names_the_element_and_line_of_each_error()
    {
        await _owner.GetPageAsync("/designer/new");

        var result = await PostJsonAsync("/designer/new?handler=Validate", DesignerDiagrams.BrokenGateway, HttpStatusCode.OK);

        Assert.False(result.GetProperty("valid").GetBoolean());
        var error = Assert.Single(result.GetProperty("errors").EnumerateArray());
        Assert.Equal("checkWarranty", error.GetProperty("elementId").GetString());
        Assert.Equal(8, error.GetProperty("line").GetInt32());
        Assert.Contains("has no outgoing sequence flow", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Publishing_creates_a_new_version_and_clears_the_draft()
    {
        await _owner.GetPageAsync("/designer/repair");
        var changed = DesignerDiagrams.Repair().Replace("name=\"受理登记\"", "name=\"受理登记 (24小时)\"");
        await PostJsonAsync("/designer/repair?handler=SaveDraft", changed, HttpStatusCode.OK);

        var published = await PostJsonAsync("/designer/repair?handler=Publish", changed, HttpStatusCode.OK);

        Assert.Equal(2, published.GetProperty("version").GetInt32());
        Assert.True(published.GetProperty("created").GetBoolean());
        Assert.Equal("owner", published.GetProperty("publishedBy").GetString());
        Assert.Null(await Drafts.LoadAsync("repair"));
        var list = await _owner.GetPageAsync("/designer");
        Assert.Matches(@"data-process=""repair""[\s\S]*?v2[\s\S]*?owner", list);
        Assert.Equal("受理登记 (24小时)", ElementName(DiagramOf(await _owner.GetPageAsync("/designer/repair")), "acceptRequest"));
    }

    [Fact]
    public async Task Publishing_an_invalid_diagram_publishes_nothing_and_returns_the_errors()
    {
        await _owner.GetPageAsync("/designer/new");

        var refused = await PostProblemAsync("/designer/new?handler=Publish", DesignerDiagrams.BrokenGateway, HttpStatusCode.BadRequest);

        Assert.Equal("Not published: the diagram has errors.", refused.GetProperty("detail").GetString());
        var error = Assert.Single(refused.GetProperty("errors").EnumerateArray());
        Assert.Equal("checkWarranty", error.GetProperty("elementId").GetString());
        Assert.Equal(8, error.GetProperty("line").GetInt32());
        Assert.Equal(JsonValueKind.Array, refused.GetProperty("warnings").ValueKind);
        Assert.DoesNotContain("data-process=\"warranty-check\"", await _owner.GetPageAsync("/designer"));
    }

    [Fact]
    public async Task A_draft_is_saved_even_when_invalid_and_reopens_as_it_was()
    {
        await _owner.GetPageAsync("/designer/new");

        var saved = await PostJsonAsync("/designer/new?handler=SaveDraft", DesignerDiagrams.BrokenGateway, HttpStatusCode.OK);

        Assert.Equal("warranty-check", saved.GetProperty("key").GetString());
        Assert.Equal("owner", saved.GetProperty("savedBy").GetString());
        Assert.Equal(DesignerDiagrams.BrokenGateway, DiagramOf(await _owner.GetPageAsync("/designer/warranty-check")));
        Assert.Matches(@"data-process=""warranty-check""[\s\S]*?not published yet[\s\S]*?by owner", await _owner.GetPageAsync("/designer"));
    }

    [Fact]
    public async Task A_renamed_process_id_may_not_take_the_key_of_another_process()
    {
        await _owner.GetPageAsync("/designer/repair");
        var renamed = DesignerDiagrams.Repair().Replace("id=\"repair\"", "id=\"complaint\"");

        var refused = await PostProblemAsync("/designer/repair?handler=SaveDraft", renamed, HttpStatusCode.Conflict);
        var publishRefused = await PostProblemAsync("/designer/repair?handler=Publish", renamed, HttpStatusCode.Conflict);

        Assert.Contains("'complaint'", refused.GetProperty("detail").GetString());
        Assert.Contains("'complaint'", publishRefused.GetProperty("detail").GetString());
        Assert.Null(await Drafts.LoadAsync("complaint"));
    }

    [Fact]
    public async Task A_process_may_not_take_the_reserved_key_new()
    {
        await _owner.GetPageAsync("/designer/new");
        var reserved = DesignerDiagrams.Repair().Replace("id=\"repair\"", "id=\"new\"");

        var draft = await PostProblemAsync("/designer/new?handler=SaveDraft", reserved, HttpStatusCode.BadRequest);
        var publish = await PostProblemAsync("/designer/new?handler=Publish", reserved, HttpStatusCode.BadRequest);

        Assert.Contains("'new'", draft.GetProperty("detail").GetString());
        Assert.Equal(draft.GetProperty("detail").GetString(), publish.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_diagram_over_the_parser_limit_is_a_413_problem_for_every_handler()
    {
        await _owner.GetPageAsync("/designer/new");
        var huge = DesignerDiagrams.Repair().Replace("</bpmn:definitions>", new string(' ', 5 * 1024 * 1024) + "</bpmn:definitions>");

        foreach (var handler in new[] { "Validate", "SaveDraft", "Publish" })
        {
            var refused = await PostProblemAsync($"/designer/new?handler={handler}", huge, HttpStatusCode.RequestEntityTooLarge);
            Assert.Contains("5 MB", refused.GetProperty("detail").GetString());
        }
        Assert.Null(await Drafts.LoadAsync("repair"));
    }

    [Fact]
    public async Task A_renamed_process_id_moves_the_draft_to_the_new_key()
    {
        await _owner.GetPageAsync("/designer/repair");
        await PostJsonAsync("/designer/repair?handler=SaveDraft", DesignerDiagrams.Repair(), HttpStatusCode.OK);

        var moved = await PostJsonAsync("/designer/repair?handler=SaveDraft",
            DesignerDiagrams.Repair().Replace("id=\"repair\"", "id=\"repair-batch\""), HttpStatusCode.OK);

        Assert.Equal("repair-batch", moved.GetProperty("key").GetString());
        Assert.Null(await Drafts.LoadAsync("repair"));
        Assert.NotNull(await Drafts.LoadAsync("repair-batch"));
    }

    [Fact]
    public async Task The_new_process_template_is_valid_as_it_is()
    {
        var template = DiagramOf(await _owner.GetPageAsync("/designer/new"));

        var published = await PostJsonAsync("/designer/new?handler=Publish", template, HttpStatusCode.OK);

        Assert.Equal(1, published.GetProperty("version").GetInt32());
        Assert.StartsWith("Process_", published.GetProperty("key").GetString());
        Assert.Empty(published.GetProperty("warnings").EnumerateArray());
        Assert.Equal("Do the work", ElementName(template, "Task_1"));
    }

    [Fact]
    public async Task A_chinese_process_owners_new_process_names_its_steps_in_chinese()
    {
        var owner = await PageSession.SignInAsync(_host, "owner", "zh-CN");
        var template = DiagramOf(await owner.GetPageAsync("/designer/new"));

        Assert.Equal(("开始", "办理", "完成"), (ElementName(template, "StartEvent_1"), ElementName(template, "Task_1"), ElementName(template, "EndEvent_1")));
    }

    [Fact]
    public async Task An_uploaded_file_opens_as_a_draft_and_is_not_published()
    {
        await _owner.GetPageAsync("/designer");

        var response = await _owner.PostFileAsync("/designer?handler=Upload", "file", "broken.bpmn", Encoding.UTF8.GetBytes(DesignerDiagrams.BrokenGateway));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/designer/warranty-check?uploaded=1", response.Headers.Location?.OriginalString);
        Assert.NotNull(await Drafts.LoadAsync("warranty-check"));
        Assert.Contains("not published yet", await _owner.GetPageAsync("/designer"));
    }

    [Fact]
    public async Task A_hostile_upload_is_refused_with_the_parsers_message()
    {
        await _owner.GetPageAsync("/designer");

        var response = await _owner.PostFileAsync("/designer?handler=Upload", "file", "evil.bpmn", Encoding.UTF8.GetBytes(DesignerDiagrams.HostileDtd));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches(@"data-testid=""upload-error""[\s\S]*DTDs are not allowed \(line 2\)", html);
        Assert.Null(await Drafts.LoadAsync("stolen"));
    }

    [Fact]
    public async Task An_upload_over_the_parser_limit_is_refused_with_a_clear_message()
    {
        await _owner.GetPageAsync("/designer");
        var huge = DesignerDiagrams.Repair().Replace("</bpmn:definitions>", new string(' ', 5 * 1024 * 1024) + "</bpmn:definitions>");

        var response = await _owner.PostFileAsync("/designer?handler=Upload", "file", "huge.bpmn", Encoding.UTF8.GetBytes(huge));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The file is larger than the 5 MB limit.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Each_version_downloads_as_its_bpmn_file_and_lists_its_running_instances()
    {
        var api = await _host.LoginAsync("desk");
        await api.StartAsync("repair");

        var download = await _owner.Http.GetAsync("/designer?handler=Xml&key=repair&version=1");
        var list = await _owner.GetPageAsync("/designer");

        await ApiClient.Expect(download, HttpStatusCode.OK);
        Assert.Equal("repair-v1.bpmn", download.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(DesignerDiagrams.Repair(), await download.Content.ReadAsStringAsync());
        Assert.Matches(@"data-process=""repair""[\s\S]*?data-version=""1""[\s\S]*?data-testid=""running"">1<", list);
        Assert.Equal(HttpStatusCode.NotFound, (await _owner.Http.GetAsync("/designer?handler=Xml&key=repair&version=9")).StatusCode);
    }

    [Fact]
    public async Task Diagram_text_cannot_break_out_of_the_page_script()
    {
        await _owner.GetPageAsync("/designer/new");
        var hostile = DesignerDiagrams.BrokenGateway.Replace("name=\"In warranty?\"", "name=\"&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"")
            .Replace("<bpmn:incoming>toGateway</bpmn:incoming>", "<bpmn:documentation><![CDATA[</script><script>alert(2)</script>]]></bpmn:documentation><bpmn:incoming>toGateway</bpmn:incoming>");
        await PostJsonAsync("/designer/new?handler=SaveDraft", hostile, HttpStatusCode.OK);

        var html = await _owner.GetPageAsync("/designer/warranty-check");

        Assert.DoesNotContain("<script>alert", html);
        Assert.Equal(hostile, DiagramOf(html));
    }

    [Fact]
    public void Every_designer_text_is_in_english_and_chinese()
    {
        var texts = _host.Services.GetRequiredService<WorkflowService.Web.Localization.Texts>();
        var english = texts.Keys("en").Where(k => k.StartsWith("Designer.", StringComparison.Ordinal)).Order().ToList();

        Assert.NotEmpty(english);
        Assert.Equal(english, texts.Keys("zh-CN").Where(k => k.StartsWith("Designer.", StringComparison.Ordinal)).Order());
    }

    [Fact]
    public void The_template_id_is_fresh_for_every_new_process() =>
        Assert.NotEqual(ProcessTemplate.NewProcessId(), ProcessTemplate.NewProcessId());

    private async Task<JsonElement> PostJsonAsync(string url, string xml, HttpStatusCode expected)
    {
        var response = await _owner.PostXmlAsync(url, xml);
        await ApiClient.Expect(response, expected);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A refusal of a designer handler: problem details, as the API's (content type, status, title).</summary>
    private async Task<JsonElement> PostProblemAsync(string url, string xml, HttpStatusCode expected) =>
        await ApiClient.ExpectProblemAsync(await _owner.PostXmlAsync(url, xml), expected);

    /// <summary>The XML the page hands to the modeler script.</summary>
    private static string DiagramOf(string html)
    {
        var json = DesignerData().Match(html);
        Assert.True(json.Success, "the page has no designer data");
        return JsonDocument.Parse(json.Groups[1].Value).RootElement.GetProperty("xml").GetString()!;
    }

    private static string? ElementName(string xml, string id) =>
        System.Xml.Linq.XDocument.Parse(xml).Descendants().FirstOrDefault(e => (string?)e.Attribute("id") == id)?.Attribute("name")?.Value;

    [GeneratedRegex("""<script type="application/json" id="designer-data">(.*?)</script>""", RegexOptions.Singleline)]
    private static partial Regex DesignerData();
}
