using System.Net;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Records;

/// <summary>
/// 新建服务单 on the page: the customer found by phone digits, a device picked, the order opened with its process
/// and its number shown as the customer is told it; a refusal keeps what was typed; the order is found in lists.
/// </summary>
public sealed class OrderPageTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(service.Clock.GetUtcNow(), Shanghai).DateTime);

    private async Task<(Guid Customer, string Serial, string Digits)> CustomerWithDeviceAsync(string name)
    {
        var digits = string.Concat(Guid.NewGuid().ToByteArray().Take(8).Select(b => (char)('0' + b % 10)));
        var agent = await service.As("agent");
        var customer = await RecordsApiTests.AddCustomerAsync(agent, name, "regular", ("郑工", null, "136" + digits));
        var serial = "WX" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await RecordsApiTests.AddDeviceAsync(agent, customer, serial, Today.AddMonths(-2), 12);
        return (customer, serial, digits);
    }

    [Fact]
    public async Task A_repair_opened_for_a_customer_found_by_phone_digits_lands_on_its_order_with_the_number_to_tell_the_customer()
    {
        var (customer, serial, digits) = await CustomerWithDeviceAsync("合肥科大仪表有限公司");
        var agent = await PageSession.SignInAsync(service.Host, "agent", "zh-CN");

        await agent.PageAsync($"/orders/new?q={digits[^4..]}");
        Assert.Equal("合肥科大仪表有限公司", agent.Text("data-customer-id", customer.ToString()));
        await agent.PageAsync($"/orders/new?customerId={customer}");
        Assert.Contains($"value=\"{serial}\"", agent.Tag("name", "serials"));
        Assert.Contains("active", agent.Tag("data-type", "repair"));
        Assert.Contains("保内", agent.Text("data-field", "serials"));
        var opened = await agent.PostFormAsync("/orders/new",
            new() { ["customerId"] = customer.ToString(), ["type"] = "repair", ["serials"] = serial, ["units"] = "" });

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var location = opened.Headers.Location!.OriginalString;
        var day = Today.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Matches($"^/orders/WX-{day}-\\d{{3}}$", location);
        var number = location["/orders/".Length..];
        await agent.PageAsync(location);
        Assert.Equal($"服务单号: {number}", agent.Text("data-testid", "order-number"));
        Assert.Equal("合肥科大仪表有限公司", agent.Text("data-testid", "order-customer"));
        Assert.Contains(serial, agent.Text("data-testid", "order-devices"));
        Assert.Equal("运行中", agent.Text("data-testid", "order-status"));
        Assert.NotEqual("—", agent.Text("data-testid", "order-responsible"));
        Assert.Contains("开始", agent.Text("data-kind", "step"));
        Assert.Contains("href=\"/instances/", agent.Tag("data-testid", "instance-link"));

        var desk = await PageSession.SignInAsync(service.Host, "desk", "en");
        await desk.PageAsync($"/orders?type=repair&from={Today:yyyy-MM-dd}&to={Today:yyyy-MM-dd}");
        Assert.Contains("Repair", desk.Text("data-order", number));
        await desk.PageAsync($"/orders?customerId={customer}");
        Assert.Contains("合肥科大仪表有限公司", desk.Text("data-testid", "customer-filter"));
        Assert.Equal(number, desk.Text("data-testid", "order-link"));
        await desk.PageAsync($"/orders?type=training&customerId={customer}");
        Assert.Contains("data-testid=\"no-orders\"", desk.Html);
        await desk.PageAsync($"/customers/{customer}");
        Assert.Contains("In warranty", desk.Text("data-order", number));
    }

    [Fact]
    public async Task A_refused_order_keeps_the_devices_and_units_typed_and_names_the_problem_next_to_them()
    {
        var (customer, serial, _) = await CustomerWithDeviceAsync("芜湖测试设备厂");
        var (_, theirs, _) = await CustomerWithDeviceAsync("另一家客户");
        var agent = await PageSession.SignInAsync(service.Host, "agent", "zh-CN");
        await agent.PageAsync($"/orders/new?customerId={customer}&type=training");

        var badUnits = await agent.PostFormAsync("/orders/new",
            new() { ["customerId"] = customer.ToString(), ["type"] = "training", ["serials"] = serial, ["units"] = "三台" });

        Assert.Equal(HttpStatusCode.BadRequest, badUnits.StatusCode);
        Assert.Equal("台数格式不正确。", agent.Text("data-error-for", "units"));
        Assert.Equal("三台", agent.InputValue("units"));
        Assert.Contains("checked=\"checked\"", agent.Tag("value", serial));
        Assert.Contains("active", agent.Tag("data-type", "training"));
        Assert.Equal("training", agent.InputValue("type"));

        var otherDevice = await agent.PostFormAsync("/orders/new",
            new() { ["customerId"] = customer.ToString(), ["type"] = "training", ["serials"] = theirs, ["units"] = "2" });

        Assert.Equal(HttpStatusCode.BadRequest, otherDevice.StatusCode);
        Assert.Equal("设备:属于其他客户。", agent.Text("data-error-for", "serials"));
        Assert.Equal("2", agent.InputValue("units"));
        await agent.PageAsync($"/orders?customerId={customer}");
        Assert.Contains("data-testid=\"no-orders\"", agent.Html);
    }

    [Fact]
    public async Task Only_the_desk_opens_orders_while_every_colleague_reads_them_and_an_unknown_number_is_not_found()
    {
        var (customer, serial, _) = await CustomerWithDeviceAsync("Engineer Reads Ltd");
        var opened = await RecordsApiTests.OpenAsync(await service.As("agent"), "repair", customer, [serial]);
        var number = opened.GetProperty("number").GetString()!;
        var engineer = await PageSession.SignInAsync(service.Host, "engineer", "en");

        PageSession.AssertDenied(await engineer.GetAsync("/orders/new"));
        await engineer.PageAsync("/orders");
        Assert.DoesNotContain("data-testid=\"new-order\"", engineer.Html);
        PageSession.AssertDenied(await engineer.PostFormAsync("/orders/new", new() { ["customerId"] = customer.ToString(), ["type"] = "repair" }));
        await engineer.PageAsync($"/orders/{number.ToLowerInvariant()}");
        Assert.Equal($"Work order: {number}", engineer.Text("data-testid", "order-number"));
        Assert.Equal(HttpStatusCode.NotFound, (await engineer.GetAsync("/orders/WX-19990101-001")).StatusCode);
    }
}
