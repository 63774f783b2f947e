using System.Net;
using System.Net.Http.Headers;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Records;

/// <summary>
/// The repair slip page: the A4 sheet shows the order's number, its device and the boxes to sign; the signed paper
/// attached through the page's form makes the order signed, and a file that is no image or PDF is refused on the page.
/// </summary>
public sealed class SlipPageTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task The_print_page_names_a_choice_in_the_readers_language_as_its_form_offered_it()
    {
        var (number, _) = await NewOrderAsync();
        var instance = (await (await service.As("agent")).GetJsonAsync($"/api/orders/{number}")).GetProperty("order").GetProperty("instanceId").GetGuid();
        await service.Host.CompleteAsync(instance, "acceptRequest", new { fault = "屏幕不亮", customerInformed = true });
        await service.Host.CompleteAsync(instance, "dispatchEngineer", new { engineer = "engineer", repairLocation = "onSite" });

        var zh = await PageSession.SignInAsync(service.Host, "desk", "zh-CN");
        await zh.PageAsync($"/orders/{number}/slip");
        Assert.Equal("维修地点 上门", zh.Text("data-field", "repairLocation"));
        var en = await PageSession.SignInAsync(service.Host, "desk", "en");
        await en.PageAsync($"/orders/{number}/slip");
        Assert.EndsWith(" On site", en.Text("data-field", "repairLocation"));
    }

    [Fact]
    public async Task The_print_page_shows_the_order_number_the_device_the_fault_and_both_signature_boxes()
    {
        var (number, serial) = await NewOrderAsync();
        var desk = await PageSession.SignInAsync(service.Host, "desk", "zh-CN");

        await desk.PageAsync($"/orders/{number}/slip");

        Assert.Equal($"服务单号: {number}", desk.Text("data-testid", "slip-number"));
        Assert.Contains(serial, desk.Text("data-serial", serial));
        Assert.Equal("屏幕不亮", desk.Text("data-field", "fault").Replace("故障现象", "", StringComparison.Ordinal).Trim());
        Assert.Contains("客户签字", desk.Text("data-box", "customer"));
        Assert.Contains("维修工程师签字", desk.Text("data-box", "engineer"));
        Assert.Equal("false", Attribute(desk.Tag("data-testid", "slip-state"), "data-signed"));
        Assert.Contains("@media print", await (await desk.Http.GetAsync("/dist/slip.css")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_photo_attached_through_the_form_signs_the_order_and_a_text_file_is_refused_on_the_page()
    {
        var (number, _) = await NewOrderAsync();
        var engineer = await PageSession.SignInAsync(service.Host, "engineer", "en");
        await engineer.PageAsync($"/orders/{number}/slip");

        var refused = await PostAsync(engineer, number, "not a picture"u8.ToArray(), "image/jpeg", "photo");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, refused.StatusCode);
        Assert.Contains("not a JPEG, PNG or PDF", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var zh = await PageSession.SignInAsync(service.Host, "engineer", "zh-CN");
        await zh.PageAsync($"/orders/{number}/slip");
        var refusedZh = await PostAsync(zh, number, "not a picture"u8.ToArray(), "image/jpeg", "photo");
        Assert.Contains("文件不是 JPEG、PNG 或 PDF", System.Net.WebUtility.HtmlDecode(await refusedZh.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var attached = await PostAsync(engineer, number, RepairSlipApiTests.Jpeg, "image/jpeg", "photo");

        Assert.Equal(HttpStatusCode.Redirect, attached.StatusCode);
        await engineer.PageAsync($"/orders/{number}/slip");
        Assert.Equal("true", Attribute(engineer.Tag("data-testid", "slip-state"), "data-signed"));
        var file = await engineer.Http.GetAsync(Attribute(engineer.Tag("data-testid", "slip-file"), "href"));
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal(RepairSlipApiTests.Jpeg, await file.Content.ReadAsByteArrayAsync());
        await engineer.PageAsync($"/orders/{number}");
        Assert.Equal("true", Attribute(engineer.Tag("data-testid", "slip-link"), "data-signed"));
        Assert.Contains(" Photo ", engineer.Text("data-kind", "slip"));
        Assert.DoesNotContain("image/jpeg", engineer.Text("data-kind", "slip"));
    }

    private static Task<HttpResponseMessage> PostAsync(PageSession session, string number, byte[] content, string type, string kind)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        var form = new MultipartFormDataContent
        {
            { new StringContent(session.Token()), "__RequestVerificationToken" },
            { new StringContent(kind), "kind" },
            { file, "file", "slip.jpg" },
        };
        return session.Http.PostAsync($"/orders/{number}/slip?handler=Attach", form);
    }

    private static string Attribute(string tag, string name) =>
        System.Text.RegularExpressions.Regex.Match(tag, $"{name}=\"([^\"]*)\"").Groups[1].Value;

    private async Task<(string Number, string Serial)> NewOrderAsync()
    {
        var agent = await service.As("agent");
        var customer = await RecordsApiTests.AddCustomerAsync(agent, "服务单打印客户" + Guid.NewGuid().ToString("N")[..6], "regular",
            ("钱工", null, "13600000003"));
        var serial = "PRN" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        await RecordsApiTests.AddDeviceAsync(agent, customer, serial, new DateOnly(2026, 1, 1), 24);
        var number = (await RecordsApiTests.OpenAsync(agent, "repair", customer, [serial], new { fault = "屏幕不亮" })).GetProperty("number").GetString()!;
        return (number, serial);
    }
}
