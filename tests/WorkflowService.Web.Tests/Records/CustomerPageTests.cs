using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WorkflowService.AfterSales.Customers;
using WorkflowService.Web.Localization;
using WorkflowService.Web.Records;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Records;

/// <summary>
/// The customer pages, in Chinese first: a caller found by a few digits of their number, a customer added and
/// changed through forms that keep everything typed when refused, devices registered with their warranty.
/// </summary>
public sealed class CustomerPageTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(service.Clock.GetUtcNow(), Shanghai).DateTime);

    private static string Digits(int count) => string.Concat(Guid.NewGuid().ToByteArray().Take(count).Select(b => (char)('0' + b % 10)));

    [Fact]
    public async Task A_caller_is_found_by_four_digits_of_their_number_and_only_the_desk_may_add_customers()
    {
        var last = Digits(8);
        var id = await RecordsApiTests.AddCustomerAsync(await service.As("agent"), "南京紫金山仪器有限公司", "key", ("刘经理", null, "139" + last));
        var agent = await PageSession.SignInAsync(service.Host, "agent", "zh-CN");

        await agent.PageAsync($"/customers?q={last[^4..]}");

        Assert.Contains("南京紫金山仪器有限公司", agent.Text("data-customer-id", id.ToString()));
        Assert.Contains("重要", agent.Text("data-customer-id", id.ToString()));
        Assert.Equal("新建客户", agent.Text("data-testid", "new-customer"));
        Assert.Equal("客户", agent.Text("data-nav", "customers"));
        Assert.Equal("服务单", agent.Text("data-nav", "orders"));
        var engineer = await PageSession.SignInAsync(service.Host, "engineer", "zh-CN");
        await engineer.PageAsync($"/customers?q={last[^4..]}");
        Assert.Contains($"data-customer-id=\"{id}\"", engineer.Html);
        Assert.DoesNotContain("data-testid=\"new-customer\"", engineer.Html);
        PageSession.AssertDenied(await engineer.GetAsync("/customers/new"));
        PageSession.AssertDenied(await engineer.PostFormAsync("/customers/new", new() { ["name"] = "x" }));
        PageSession.AssertDenied(await engineer.GetAsync($"/customers/{id}/edit"));
    }

    [Fact]
    public async Task A_refused_customer_comes_back_with_each_error_next_to_its_row_and_everything_typed_kept()
    {
        var agent = await PageSession.SignInAsync(service.Host, "agent", "zh-CN");
        await agent.PageAsync("/customers/new");
        var mobile = "138" + Digits(8);
        var form = new Dictionary<string, string>
        {
            ["name"] = "苏州工业园区测试公司", ["category"] = "long-term", ["address"] = "苏州市星湖街328号", ["anchorDate"] = "2026-02-30",
            ["notes"] = "年度回访", ["revision"] = "",
            ["contacts[0].name"] = "陈工", ["contacts[0].phone"] = "abc", ["contacts[0].mobile"] = "", ["contacts[0].email"] = "",
            ["contacts[1].name"] = "", ["contacts[1].phone"] = "", ["contacts[1].mobile"] = "", ["contacts[1].email"] = "",
            ["contacts[2].name"] = "", ["contacts[2].phone"] = "", ["contacts[2].mobile"] = mobile, ["contacts[2].email"] = "chen@",
        };

        var refused = await agent.PostFormAsync("/customers/new", form);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("回访基准日期格式不正确。", agent.Text("data-error-for", "anchorDate"));
        Assert.Equal("电话格式不正确。", agent.Text("data-error-for", "contacts[0].phone"));
        Assert.Equal("请填写联系人姓名。", agent.Text("data-error-for", "contacts[2].name"));
        Assert.Equal("电子邮箱格式不正确。", agent.Text("data-error-for", "contacts[2].email"));
        Assert.DoesNotContain("data-error-for=\"contacts[1]", agent.Html);
        Assert.DoesNotContain("data-error-for=\"name\"", agent.Html);
        foreach (var key in new[] { "name", "address", "anchorDate", "contacts[0].name", "contacts[0].phone", "contacts[2].mobile", "contacts[2].email" })
            Assert.Equal(form[key], agent.InputValue(key));
        Assert.Equal("年度回访", agent.Text("name", "notes"));
        Assert.Equal("long-term", agent.SelectedOption("category"));
        Assert.Contains("aria-invalid=\"true\"", agent.Tag("name", "contacts[0].phone"));

        form["anchorDate"] = "2026-02-28";
        form["contacts[0].phone"] = "0512-6666-1234";
        form["contacts[2].name"] = "陈助理";
        form["contacts[2].email"] = "chen@example.com";
        var saved = await agent.PostFormAsync("/customers/new", form);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var file = await agent.PageAsync(saved.Headers.Location!.OriginalString);
        Assert.Equal("苏州工业园区测试公司", agent.Text("data-testid", "customer-name"));
        Assert.Equal("长期", agent.Text("data-testid", "customer-category"));
        Assert.Contains("陈助理", agent.Text("data-testid", "contacts"));
        Assert.Contains("2026-02-28", file);
    }

    [Fact]
    public async Task An_edit_of_a_customer_changed_by_someone_else_meanwhile_is_refused_with_a_reload_and_keeps_what_was_typed()
    {
        var id = await RecordsApiTests.AddCustomerAsync(await service.As("agent"), "宁波港口机械厂", "regular", ("何工", "0574-1234-5678", null));
        var agent = await PageSession.SignInAsync(service.Host, "agent", "zh-CN");
        await agent.PageAsync($"/customers/{id}/edit");
        Assert.Equal("何工", agent.InputValue("contacts[0].name"));
        Assert.Equal("", agent.InputValue("contacts[1].name"));
        var form = new Dictionary<string, string>
        {
            ["name"] = "宁波港口机械有限公司", ["category"] = agent.SelectedOption("category"), ["address"] = agent.InputValue("address"),
            ["anchorDate"] = agent.InputValue("anchorDate"), ["notes"] = "", ["revision"] = agent.InputValue("revision"),
            ["contacts[0].name"] = "何工", ["contacts[0].phone"] = "0574-1234-5678", ["contacts[0].mobile"] = "", ["contacts[0].email"] = "",
        };
        var archive = service.Host.Services.GetRequiredService<CustomerArchive>();
        await archive.UpdateAsync(id, new CustomerInput("宁波港口机械厂", "key", [new ContactInput("何工", "0574-1234-5678", null, null)], null, null,
            "升级为重要客户"), null);

        var stale = await agent.PostFormAsync($"/customers/{id}/edit", form);

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("该客户已被他人修改", agent.Text("data-testid", "customer-conflict"));
        Assert.Equal("宁波港口机械有限公司", agent.InputValue("name"));
        Assert.Equal("key", (await archive.GetAsync(id)).Category);

        await agent.PageAsync($"/customers/{id}/edit");
        form["revision"] = agent.InputValue("revision");
        form["category"] = agent.SelectedOption("category");
        var saved = await agent.PostFormAsync($"/customers/{id}/edit", form);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var customer = await archive.GetAsync(id);
        Assert.Equal(("宁波港口机械有限公司", "key"), (customer.Name, customer.Category));
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/customers/{Guid.NewGuid()}/edit")).StatusCode);
    }

    [Fact]
    public async Task An_engineer_registers_a_device_shown_with_its_warranty_and_a_serial_taken_already_is_refused_next_to_it()
    {
        var id = await RecordsApiTests.AddCustomerAsync(await service.As("agent"), "Wuxi Precision Tools", "regular", ("Mr Xu", null, "13700000011"));
        var serial = "SN" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var soldOn = Today.AddMonths(-13);
        var engineer = await PageSession.SignInAsync(service.Host, "engineer", "en");
        await engineer.PageAsync($"/customers/{id}");
        Assert.DoesNotContain("data-testid=\"edit-customer\"", engineer.Html);
        var device = new Dictionary<string, string>
        {
            ["model"] = "PX-200", ["serial"] = serial.ToLowerInvariant(), ["soldOn"] = soldOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["warrantyMonths"] = "24",
        };

        var added = await engineer.PostFormAsync($"/customers/{id}?handler=Device", device);

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        await engineer.PageAsync(added.Headers.Location!.OriginalString);
        Assert.Contains("data-in-warranty=\"true\"", engineer.Tag("data-testid", "warranty"));
        Assert.Equal($"In warranty (until {soldOn.AddMonths(24).AddDays(-1):yyyy-MM-dd})", engineer.Text("data-testid", "warranty"));
        Assert.Contains(serial, engineer.Text("data-testid", "devices"));

        var again = await engineer.PostFormAsync($"/customers/{id}?handler=Device", new Dictionary<string, string>(device));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("A device with this serial number is registered already.", engineer.Text("data-error-for", "serial"));
        Assert.Equal(serial.ToLowerInvariant(), engineer.InputValue("serial"));
        Assert.Equal("24", engineer.InputValue("warrantyMonths"));

        var invalid = await engineer.PostFormAsync($"/customers/{id}?handler=Device",
            new() { ["model"] = "PX-200", ["serial"] = "", ["soldOn"] = "yesterday", ["warrantyMonths"] = "999" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(["serial", "soldOn", "warrantyMonths"],
            System.Text.RegularExpressions.Regex.Matches(engineer.Html, "data-error-for=\"([^\"]+)\"").Select(m => m.Groups[1].Value).Order());
        Assert.Equal("yesterday", engineer.InputValue("soldOn"));
        var finance = await PageSession.SignInAsync(service.Host, "finance", "en");
        await finance.PageAsync($"/customers/{id}");
        Assert.DoesNotContain("data-testid=\"device-form\"", finance.Html);
        PageSession.AssertDenied(await finance.PostFormAsync($"/customers/{id}?handler=Device", device));
    }

    [Fact]
    public void Every_text_the_records_pages_build_from_a_code_or_field_is_defined_in_both_languages()
    {
        var texts = new Texts();
        var keys = RecordText.Codes.Select(c => $"Records.Error.{c}").Concat(RecordText.LabelKeys)
            .Concat(["Records.Error.phone-or-mobile", "Records.Error.contacts", "Records.InWarranty", "Records.OutOfWarranty"]);
        foreach (var language in new[] { "en", "zh-CN" })
        {
            var defined = texts.Keys(language).ToHashSet(StringComparer.Ordinal);
            Assert.All(keys, key => Assert.True(defined.Contains(key), $"{key} has no {language} text"));
        }
        Assert.Equal("Records.Contact.phone", RecordText.LabelKey("contacts[3].phone"));
        Assert.Equal("Records.Field.serials", RecordText.LabelKey("serials[1]"));
    }
}
