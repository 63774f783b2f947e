using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Records;

/// <summary>
/// Repair slips through the API: a JPEG, PNG or PDF is attached to an order and read back as it was, and the order
/// reads signed; anything else (checked by its first bytes, not its name) or anything over the limit is refused.
/// </summary>
public sealed class RepairSlipApiTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    internal static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF\0"u8, .. new byte[200], 0xFF, 0xD9];
    internal static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[64]];
    internal static readonly byte[] Pdf = [.. "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"u8];

    [Theory]
    [InlineData("jpeg", "photo")]
    [InlineData("png", "signature")]
    [InlineData("pdf", "scan")]
    public async Task A_jpeg_png_or_pdf_is_attached_read_back_as_it_was_and_the_order_reads_signed(string format, string kind)
    {
        var (content, type) = format switch { "jpeg" => (Jpeg, "image/jpeg"), "png" => (Png, "image/png"), _ => (Pdf, "application/pdf") };
        var number = await NewOrderAsync();
        var engineer = await service.As("engineer");
        Assert.False((await engineer.GetJsonAsync($"/api/orders/{number}")).GetProperty("isSigned").GetBoolean());

        var attached = await AttachAsync(engineer, number, content, type, $"slip.{format}", kind);

        Assert.Equal(HttpStatusCode.Created, attached.StatusCode);
        var slip = JsonDocument.Parse(await attached.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(kind, slip.GetProperty("kind").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), slip.GetProperty("sha256").GetString());
        // SQLite keeps the bytes as a file under the data folder, named by the slip.
        var stored = Path.Combine(service.Host.Settings.DataDirectory, "slips", slip.GetProperty("id").GetGuid().ToString("N"));
        Assert.Equal(content, await File.ReadAllBytesAsync(stored));
        var read = await (await service.As("agent")).GetAsync($"/api/orders/{number}/slip");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(type, read.Content.Headers.ContentType!.MediaType);
        Assert.Equal(content, await read.Content.ReadAsByteArrayAsync());
        var order = await engineer.GetJsonAsync($"/api/orders/{number}");
        Assert.True(order.GetProperty("isSigned").GetBoolean());
        Assert.Equal(engineer.UserName, order.GetProperty("slip").GetProperty("attachedBy").GetString());
        Assert.Contains(order.GetProperty("timeline").EnumerateArray(),
            e => e.GetProperty("kind").GetString() == "slip" && e.GetProperty("what").GetString() == kind);
    }

    [Fact]
    public async Task A_text_file_renamed_jpg_is_refused_415_and_the_order_stays_unsigned()
    {
        var number = await NewOrderAsync();
        var engineer = await service.As("engineer");

        var refused = await AttachAsync(engineer, number, "客户已签字 signed"u8.ToArray(), "image/jpeg", "slip.jpg");

        var problem = await ApiClient.ExpectProblemAsync(refused, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("not a JPEG, PNG or PDF", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False((await engineer.GetJsonAsync($"/api/orders/{number}")).GetProperty("isSigned").GetBoolean());
        await ApiClient.ExpectProblemAsync(await engineer.GetAsync($"/api/orders/{number}/slip"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_png_declared_as_a_jpeg_is_refused_415_naming_both_types()
    {
        var number = await NewOrderAsync();

        var refused = await AttachAsync(await service.As("engineer"), number, Png, "image/jpeg", "slip.jpg");

        var detail = (await ApiClient.ExpectProblemAsync(refused, HttpStatusCode.UnsupportedMediaType)).GetProperty("detail").GetString();
        Assert.Contains("image/jpeg", detail, StringComparison.Ordinal);
        Assert.Contains("image/png", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slip_over_ten_megabytes_is_refused_413()
    {
        var number = await NewOrderAsync();
        var tooLarge = new byte[10 * 1024 * 1024 + 1];
        Jpeg.CopyTo(tooLarge, 0);

        var refused = await AttachAsync(await service.As("engineer"), number, tooLarge, "image/jpeg", "slip.jpg");

        await ApiClient.ExpectProblemAsync(refused, HttpStatusCode.RequestEntityTooLarge);
        Assert.False((await (await service.As("engineer")).GetJsonAsync($"/api/orders/{number}")).GetProperty("isSigned").GetBoolean());
    }

    [Fact]
    public async Task A_slip_without_a_file_of_an_unknown_kind_or_for_an_unknown_order_is_refused_naming_what_was_wrong()
    {
        var number = await NewOrderAsync();
        var engineer = await service.As("engineer");

        var noFile = await engineer.Http.PostAsync($"/api/orders/{number}/slip", new MultipartFormDataContent { { new StringContent("photo"), "kind" } });
        Assert.Equal("file", (await ApiClient.ExpectProblemAsync(noFile, HttpStatusCode.BadRequest)).GetProperty("errors")[0].GetProperty("field").GetString());
        var badKind = await AttachAsync(engineer, number, Jpeg, "image/jpeg", "slip.jpg", "selfie");
        Assert.Equal("kind", (await ApiClient.ExpectProblemAsync(badKind, HttpStatusCode.BadRequest)).GetProperty("errors")[0].GetProperty("field").GetString());
        var jpegSignature = await AttachAsync(engineer, number, Jpeg, "image/jpeg", "slip.jpg", "signature");
        await ApiClient.ExpectProblemAsync(jpegSignature, HttpStatusCode.BadRequest);
        await ApiClient.ExpectProblemAsync(await AttachAsync(engineer, "WX-19990101-999", Jpeg, "image/jpeg", "slip.jpg"), HttpStatusCode.NotFound);
        await ApiClient.ExpectProblemAsync(await engineer.PostAsync($"/api/orders/{number}/slip", new { file = "x" }), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_slip_for_an_order_that_does_not_exist_is_a_404_even_before_any_slip_was_stored()
    {
        var store = new WorkflowService.AfterSales.Orders.FileSlipStore(Path.Combine(Path.GetTempPath(), "no-slips-" + Guid.NewGuid().ToString("N")));

        await store.ForgetAsync(Guid.NewGuid());

        Assert.False(Directory.Exists(store.Folder));
        await ApiClient.ExpectProblemAsync(await AttachAsync(await service.As("engineer"), "WX-19990101-998", Pdf, "application/pdf", "slip.pdf"),
            HttpStatusCode.NotFound);
    }

    internal static Task<HttpResponseMessage> AttachAsync(ApiClient client, string number, byte[] content, string type, string fileName,
        string? kind = null)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        var form = new MultipartFormDataContent { { file, "file", fileName } };
        if (kind is not null) form.Add(new StringContent(kind, Encoding.UTF8), "kind");
        return client.Http.PostAsync($"/api/orders/{number}/slip", form);
    }

    private async Task<string> NewOrderAsync()
    {
        var agent = await service.As("agent");
        var customer = await RecordsApiTests.AddCustomerAsync(agent, "维修单测试客户" + Guid.NewGuid().ToString("N")[..6], "regular",
            ("孙工", null, "13700000002"));
        var serial = "SLIP" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        await RecordsApiTests.AddDeviceAsync(agent, customer, serial, new DateOnly(2026, 1, 1), 24);
        return (await RecordsApiTests.OpenAsync(agent, "repair", customer, [serial])).GetProperty("number").GetString()!;
    }
}
