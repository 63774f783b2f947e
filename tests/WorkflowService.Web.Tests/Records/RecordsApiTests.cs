using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Records;

/// <summary>
/// The department's records through the API: customers found by a fragment of a Chinese name or a phone number,
/// devices with their warranty, and work orders numbered by type and day that start their process with the facts
/// of the records (never typed), in one transaction.
/// </summary>
public sealed class RecordsApiTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(service.Clock.GetUtcNow(), Shanghai).DateTime);

    [Fact]
    public async Task A_customer_is_found_by_two_chinese_characters_of_the_name_or_four_digits_of_a_phone_number()
    {
        var agent = await service.As("agent");
        var tag = Guid.NewGuid().ToString("N")[..6];
        var id = await AddCustomerAsync(agent, $"杭州西湖电子{tag}有限公司", "key", ("王经理", "0571-8765-4321", "13912345678"));

        Assert.Contains(await SearchAsync(agent, $"西湖电子{tag}"), c => c.GetProperty("id").GetGuid() == id);
        Assert.Contains(await SearchAsync(agent, "8765-43"), c => c.GetProperty("id").GetGuid() == id);
        Assert.Contains(await SearchAsync(agent, "1391234"), c => c.GetProperty("id").GetGuid() == id);
        Assert.DoesNotContain(await SearchAsync(agent, $"东湖{tag}"), c => c.GetProperty("id").GetGuid() == id);
        var customer = await agent.GetJsonAsync($"/api/customers/{id}");
        Assert.Equal("key", customer.GetProperty("category").GetString());
        Assert.Equal("王经理", customer.GetProperty("contacts")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_customer_without_a_name_category_or_reachable_contact_is_refused_field_by_field()
    {
        var agent = await service.As("agent");

        var refused = await agent.PostAsync("/api/customers", new
        {
            name = " ", category = "vip", contacts = new[] { new { name = "", phone = (string?)null, mobile = "abc", email = "x@" } },
        });

        var fields = Fields(await ApiClient.ExpectProblemAsync(refused, HttpStatusCode.BadRequest));
        Assert.Equal(["category", "contacts[0].email", "contacts[0].mobile", "contacts[0].name", "name"], fields.Order().ToArray());
        await ApiClient.ExpectProblemAsync(await (await service.As("engineer")).PostAsync("/api/customers", new { name = "x" }),
            HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_serial_registered_already_is_a_409_whatever_its_spacing_or_case()
    {
        var agent = await service.As("agent");
        var customer = await AddCustomerAsync(agent, "重复串号测试", "regular", ("李工", null, "13800000001"));
        var serial = "imei " + Guid.NewGuid().ToString("N")[..10];
        await AddDeviceAsync(agent, customer, serial, Today, 12);

        var again = await agent.PostAsync($"/api/customers/{customer}/devices",
            new { model = "X1", serial = serial.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant(), soldOn = Today, warrantyMonths = 12 });

        await ApiClient.ExpectProblemAsync(again, HttpStatusCode.Conflict);
        var device = await agent.GetJsonAsync($"/api/devices/{Uri.EscapeDataString(serial)}");
        Assert.Equal(customer, device.GetProperty("customer").GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task An_order_for_a_device_whose_warranty_ended_yesterday_starts_out_of_warranty_and_one_ending_today_in_it()
    {
        var agent = await service.As("agent");
        var customer = await AddCustomerAsync(agent, "保修期测试客户", "long-term", ("赵工", "021-5555-0101", null));
        var ended = "END" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var endsToday = "TODAY" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var yesterdayEnd = await AddDeviceAsync(agent, customer, ended, Today.AddMonths(-12), 12);
        var todayEnd = await AddDeviceAsync(agent, customer, endsToday, Today.AddMonths(-12).AddDays(1), 12);
        Assert.Equal(Today.AddDays(-1), DateOnly.Parse(yesterdayEnd.GetProperty("warrantyEndsOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Today, DateOnly.Parse(todayEnd.GetProperty("warrantyEndsOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture));

        var outOfWarranty = await OpenAsync(agent, "repair", customer, [ended], new { fault = "不开机", inWarranty = true });
        var inWarranty = await OpenAsync(agent, "repair", customer, [endsToday]);

        var first = await VariablesAsync(outOfWarranty.GetProperty("instanceId").GetGuid());
        Assert.False(first.GetProperty("inWarranty").GetBoolean(), "inWarranty comes from the device record, never from what was sent");
        Assert.Equal("不开机", first.GetProperty("fault").GetString());
        Assert.Equal(ended, first.GetProperty("serial").GetString());
        Assert.Equal("保修期测试客户", first.GetProperty("customer").GetString());
        Assert.Equal(outOfWarranty.GetProperty("number").GetString(), first.GetProperty("orderNumber").GetString());
        Assert.True((await VariablesAsync(inWarranty.GetProperty("instanceId").GetGuid())).GetProperty("inWarranty").GetBoolean());
    }

    [Fact]
    public async Task Orders_are_numbered_by_type_and_day_without_gaps_or_repeats_under_eight_concurrent_requests()
    {
        var agent = await service.As("agent");
        var desk = await service.As("desk");
        var customer = await AddCustomerAsync(agent, "并发编号测试", "regular", ("钱工", null, "13800000002"));

        var opened = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            OpenAsync(i % 2 == 0 ? agent : desk, "training", customer, [], new { trainingRequest = $"第{i}期" })));

        var numbers = opened.Select(o => o.GetProperty("number").GetString()!).ToList();
        var day = Today.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.All(numbers, n => Assert.StartsWith($"PX-{day}-", n, StringComparison.Ordinal));
        var sequence = numbers.Select(n => int.Parse(n[^3..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Enumerable.Range(sequence[0], 8), sequence);
        Assert.Equal(8, opened.Select(o => o.GetProperty("instanceId").GetGuid()).Distinct().Count());
        foreach (var o in opened)
        {
            var instance = await (await service.As("admin")).InstanceAsync(o.GetProperty("instanceId").GetGuid());
            Assert.Equal(o.GetProperty("number").GetString(), instance.GetProperty("businessKey").GetString());
        }
    }

    [Fact]
    public async Task An_order_shows_its_customer_devices_status_who_has_it_and_its_timeline_and_is_listed_under_the_customer()
    {
        var agent = await service.As("agent");
        var customer = await AddCustomerAsync(agent, "工单详情测试", "regular", ("孙工", null, "13800000003"));
        var serial = "DET" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await AddDeviceAsync(agent, customer, serial, Today.AddMonths(-1), 24);
        var opened = await OpenAsync(agent, "repair", customer, [serial]);
        var number = opened.GetProperty("number").GetString()!;

        var order = await (await service.As("engineer")).GetJsonAsync($"/api/orders/{number.ToLowerInvariant()}");

        Assert.Equal(number, order.GetProperty("order").GetProperty("number").GetString());
        Assert.True(order.GetProperty("order").GetProperty("inWarranty").GetBoolean());
        Assert.Equal("Running", order.GetProperty("status").GetString());
        Assert.Equal(serial, Assert.Single(order.GetProperty("devices").EnumerateArray()).GetProperty("serial").GetString());
        Assert.NotEmpty(order.GetProperty("responsible").EnumerateArray());
        Assert.Contains(order.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("kind").GetString() == "step");
        var listed = await agent.GetJsonAsync($"/api/orders?customerId={customer}&type=repair");
        Assert.Equal(number, Assert.Single(listed.EnumerateArray()).GetProperty("number").GetString());
        var file = await agent.GetJsonAsync($"/api/devices/{serial}");
        Assert.Equal(number, Assert.Single(file.GetProperty("orders").EnumerateArray()).GetProperty("number").GetString());
        await ApiClient.ExpectProblemAsync(await agent.GetAsync("/api/orders/WX-19990101-001"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_order_naming_an_unknown_type_customer_or_serial_or_another_customers_device_is_refused_and_uses_no_number()
    {
        var agent = await service.As("agent");
        var mine = await AddCustomerAsync(agent, "拒绝测试甲", "regular", ("周工", null, "13800000004"));
        var theirs = await AddCustomerAsync(agent, "拒绝测试乙", "regular", ("吴工", null, "13800000005"));
        var serial = "OTH" + Guid.NewGuid().ToString("N")[..8];
        await AddDeviceAsync(agent, theirs, serial, Today, 12);
        var before = await OpenAsync(agent, "complaint", mine, []);

        var refused = await agent.PostAsync("/api/orders", new { type = "complaint", customerId = mine, serials = new[] { serial, "NOPE-1" } });
        var fields = Fields(await ApiClient.ExpectProblemAsync(refused, HttpStatusCode.BadRequest));
        Assert.Equal(["serials[0]", "serials[1]"], fields.Order().ToArray());
        var badType = await agent.PostAsync("/api/orders", new { type = "visit", customerId = Guid.NewGuid() });
        Assert.Equal(["customerId", "type"], Fields(await ApiClient.ExpectProblemAsync(badType, HttpStatusCode.BadRequest)).Order().ToArray());

        var after = await OpenAsync(agent, "complaint", mine, []);
        Assert.Equal(Sequence(before) + 1, Sequence(after));
    }

    [Fact]
    public async Task Orders_are_listed_with_their_processs_status_and_filtered_by_it()
    {
        var agent = await service.As("agent");
        var customer = await AddCustomerAsync(agent, "状态筛选测试", "regular", ("冯工", null, "13800000031"));
        var running = await OpenAsync(agent, "complaint", customer, []);
        var cancelled = await OpenAsync(agent, "complaint", customer, []);
        await (await service.As("manager")).PostJsonAsync($"/api/instances/{cancelled.GetProperty("instanceId").GetGuid()}/cancel",
            new { reason = "客户撤回" }, HttpStatusCode.OK);

        var all = (await agent.GetJsonAsync($"/api/orders?customerId={customer}")).EnumerateArray().ToList();
        var onlyCancelled = (await agent.GetJsonAsync($"/api/orders?customerId={customer}&status=cancelled")).EnumerateArray().ToList();
        var onlyRunning = (await agent.GetJsonAsync($"/api/orders?customerId={customer}&status=Running")).EnumerateArray().ToList();

        Assert.Equal(["Cancelled", "Running"], all.Select(o => o.GetProperty("status").GetString()!).Order().ToArray());
        Assert.Equal(cancelled.GetProperty("number").GetString(), Assert.Single(onlyCancelled).GetProperty("number").GetString());
        Assert.Equal(running.GetProperty("number").GetString(), Assert.Single(onlyRunning).GetProperty("number").GetString());
        var bad = await agent.GetAsync($"/api/orders?customerId={customer}&status=paused");
        Assert.Equal(["status"], Fields(await ApiClient.ExpectProblemAsync(bad, HttpStatusCode.BadRequest)));
    }

    private static int Sequence(JsonElement opened) =>
        int.Parse(opened.GetProperty("number").GetString()![^3..], System.Globalization.CultureInfo.InvariantCulture);

    private async Task<JsonElement> VariablesAsync(Guid instanceId) =>
        (await (await service.As("admin")).InstanceAsync(instanceId)).GetProperty("variables");

    private static List<string> Fields(JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()!)];

    internal static async Task<Guid> AddCustomerAsync(ApiClient client, string name, string category,
        params (string Name, string? Phone, string? Mobile)[] contacts)
    {
        var created = await client.PostJsonAsync("/api/customers", new
        {
            name, category, contacts = contacts.Select(c => new { name = c.Name, phone = c.Phone, mobile = c.Mobile }).ToArray(),
            address = "上海市浦东新区", anchorDate = "2026-01-15",
        }, HttpStatusCode.Created);
        return created.GetProperty("id").GetGuid();
    }

    internal static Task<JsonElement> AddDeviceAsync(ApiClient client, Guid customer, string serial, DateOnly soldOn, int months) =>
        client.PostJsonAsync($"/api/customers/{customer}/devices", new { model = "X1-Pro", serial, soldOn, warrantyMonths = months },
            HttpStatusCode.Created);

    internal static Task<JsonElement> OpenAsync(ApiClient client, string type, Guid customer, string[] serials, object? variables = null) =>
        client.PostJsonAsync("/api/orders", new { type, customerId = customer, serials, variables }, HttpStatusCode.Created);

    private static async Task<List<JsonElement>> SearchAsync(ApiClient client, string q) =>
        [.. (await client.GetJsonAsync("/api/customers?q=" + Uri.EscapeDataString(q))).EnumerateArray()];
}
