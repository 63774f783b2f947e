using System.Globalization;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Api;

/// <summary>
/// BPMN uploads come from browsers and other tools: a hostile or broken file is refused through
/// the API quickly (under two seconds) with a 400 (413 for an oversized body) naming what is
/// wrong, and nothing is published.
/// </summary>
public sealed class HostileUploadTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(2);

    private const string Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    private async Task<(HttpStatusCode Status, JsonElement Problem)> UploadAsync(string xml)
    {
        var owner = await service.As("owner");
        var watch = Stopwatch.StartNew();
        var response = await owner.PostXmlAsync("/api/definitions", xml);
        var body = await response.Content.ReadAsStringAsync();
        watch.Stop();
        Assert.True(watch.Elapsed < Quickly, $"the upload took {watch.Elapsed}");
        return (response.StatusCode, body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone());
    }

    private async Task AssertNothingPublishedAsync(string key)
    {
        var owner = await service.As("owner");
        await ApiClient.Expect(await owner.GetAsync($"/api/definitions/{key}/versions"), HttpStatusCode.NotFound);
        var keys = (await owner.GetJsonAsync("/api/definitions")).EnumerateArray().Select(d => d.GetProperty("key").GetString());
        Assert.DoesNotContain(key, keys);
    }

    private static string Errors(JsonElement problem) => problem.GetProperty("errors").GetRawText();

    [Fact]
    public async Task An_external_entity_is_refused_without_reading_the_file()
    {
        var (status, problem) = await UploadAsync($"""
            <?xml version="1.0"?>
            <!DOCTYPE definitions [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
            <definitions xmlns="{Bpmn}"><process id="xxe" name="&secret;" isExecutable="true"><startEvent id="s" /></process></definitions>
            """);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("DTDs are not allowed", Errors(problem));
        Assert.DoesNotContain("root:", problem.GetRawText());
        await AssertNothingPublishedAsync("xxe");
    }

    [Fact]
    public async Task A_billion_laughs_document_is_refused_quickly()
    {
        var entities = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (var i = 1; i < 10; i++)
            entities.Append(CultureInfo.InvariantCulture, $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">");

        var (status, problem) = await UploadAsync($"""
            <?xml version="1.0"?>
            <!DOCTYPE definitions [ {entities} ]>
            <definitions xmlns="{Bpmn}"><process id="laughs" name="&lol9;" isExecutable="true" /></definitions>
            """);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("DTDs are not allowed", Errors(problem));
        await AssertNothingPublishedAsync("laughs");
    }

    [Fact]
    public async Task A_body_over_five_megabytes_is_refused_as_too_large()
    {
        var padding = new string(' ', 5 * 1024 * 1024);
        var (status, problem) = await UploadAsync(
            $"""<definitions xmlns="{Bpmn}"><process id="huge" isExecutable="true"><startEvent id="s" />{padding}</process></definitions>""");

        Assert.Contains(status, new[] { HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.BadRequest });
        Assert.Contains("MB", problem.GetProperty("detail").GetString());
        await AssertNothingPublishedAsync("huge");
    }

    [Fact]
    public async Task Nesting_deeper_than_the_limit_is_refused()
    {
        var depth = 10_000;
        var (status, problem) = await UploadAsync(
            $"""<definitions xmlns="{Bpmn}"><process id="deep" isExecutable="true">{string.Concat(Enumerable.Repeat("<documentation>", depth))}{string.Concat(Enumerable.Repeat("</documentation>", depth))}</process></definitions>""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("deep", Errors(problem), StringComparison.OrdinalIgnoreCase);
        await AssertNothingPublishedAsync("deep");
    }

    [Fact]
    public async Task Malformed_xml_is_refused_with_the_line_of_the_error()
    {
        var (status, problem) = await UploadAsync($"""
            <definitions xmlns="{Bpmn}">
              <process id="broken" isExecutable="true">
                <startEvent id="s">
              </process>
            </definitions>
            """);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(4, error.GetProperty("line").GetInt32());
        await AssertNothingPublishedAsync("broken");
    }

    [Fact]
    public async Task An_unsupported_element_is_refused_naming_its_id_and_line_and_what_to_use_instead()
    {
        var xml = TestBpmn.Process("inclusive", """
            <bpmn:startEvent id="start" />
            <bpmn:inclusiveGateway id="pickChecks" />
            <bpmn:endEvent id="end" />
            """ + TestBpmn.Flows("start", "pickChecks", "end"));
        var line = xml.Split('\n').ToList().FindIndex(l => l.Contains("<bpmn:inclusiveGateway")) + 1;

        var (status, problem) = await UploadAsync(xml);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray(),
            e => e.TryGetProperty("elementId", out var id) && id.GetString() == "pickChecks");
        Assert.Equal(line, error.GetProperty("line").GetInt32());
        Assert.Contains("use exclusive gateways", error.GetProperty("message").GetString());
        await AssertNothingPublishedAsync("inclusive");
    }
}
