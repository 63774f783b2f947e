using System.Globalization;
using System.Net;
using WorkflowService.Web.Hotline;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Records;

/// <summary>
/// From the hotline to the order on the pages: logging a call as a request leads to the new order with the caller
/// searched by number and the call carried along; the order is received when the call rang, once per call.
/// A consultation stays on the task.
/// </summary>
public sealed class CallOrderPageTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>A call rung as the PBX does, answered by the agent: its logCall task, theirs now.</summary>
    private async Task<(Guid Instance, Guid LogTask)> AnsweredAsync(string callId, string from)
    {
        var admin = await service.As("admin");
        var id = await admin.StartAsync("hotline-call", new { callId, from, to = "400-820-0000", ringSeconds = 5 }, callId);
        var agent = await service.As("agent");
        await agent.CompleteAsync(id, "answerCall", new { });
        var log = Assert.Single(await agent.TasksAsync(id));
        Assert.Equal("logCall", log.GetProperty("elementId").GetString());
        return (id, log.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_call_logged_as_a_repair_leads_to_the_new_order_for_the_caller_and_opens_one_order_dated_from_the_ring()
    {
        var digits = string.Concat(Guid.NewGuid().ToByteArray().Take(8).Select(b => (char)('0' + b % 10)));
        var api = await service.As("agent");
        var customer = await RecordsApiTests.AddCustomerAsync(api, "宁波港机维修中心", "regular", ("马工", null, "139" + digits));
        var callId = Telephony.NewCallId();
        var from = $"+86 139 {digits[..4]} {digits[4..]}";
        var (instance, logTask) = await AnsweredAsync(callId, from);
        var agent = await PageSession.SignInAsync(service.Host, "agent", "zh-CN");
        await agent.PageAsync($"/tasks/{logTask}");

        var logged = await agent.PostFormAsync($"/tasks/{logTask}?handler=Complete", new() { ["form.requestType"] = "repair" });

        Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);
        var next = logged.Headers.Location!.OriginalString;
        Assert.Equal($"/orders/new?callId={callId}&type=repair&q=139{digits}", next);
        await agent.PageAsync(next);
        Assert.Equal("宁波港机维修中心", agent.Text("data-customer-id", customer.ToString()));
        Assert.Contains($"callId={callId}", agent.Tag("data-customer-id", customer.ToString()));
        var rang = (await (await service.As("admin")).InstanceAsync(instance)).GetProperty("startedAt").GetDateTimeOffset();
        var at = TimeZoneInfo.ConvertTime(rang, Shanghai).ToString("HH:mm", CultureInfo.InvariantCulture);
        await agent.PageAsync($"/orders/new?customerId={customer}&type=repair&callId={callId}");
        Assert.Equal($"来电 {from}, {at}", WebUtility.HtmlDecode(agent.Text("data-testid", "order-call")));
        Assert.Contains($"value=\"{callId}\"", agent.Tag("name", "callId"));
        Assert.Contains($"callId={callId}", agent.Tag("data-type", "training"));

        var form = new Dictionary<string, string> { ["customerId"] = customer.ToString(), ["type"] = "repair", ["callId"] = callId, ["units"] = "" };
        var opened = await agent.PostFormAsync("/orders/new", form);
        var again = await agent.PostFormAsync("/orders/new", form);

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var number = opened.Headers.Location!.OriginalString["/orders/".Length..];
        Assert.Matches(@"^WX-\d{8}-\d{3}$", number);
        Assert.Equal($"/orders/{number}", again.Headers.Location!.OriginalString);
        var order = (await api.GetJsonAsync($"/api/orders/{number}")).GetProperty("order");
        Assert.Equal(rang, order.GetProperty("receivedAt").GetDateTimeOffset());
        Assert.Single((await api.GetJsonAsync($"/api/orders?customerId={customer}")).EnumerateArray());
    }

    [Fact]
    public async Task A_call_logged_as_a_consultation_stays_on_its_task_and_the_customers_page_names_it_in_chinese()
    {
        var phone = $"021-5{Random.Shared.Next(100, 999)}-{Random.Shared.Next(1000, 9999)}";
        var customer = await RecordsApiTests.AddCustomerAsync(await service.As("agent"), "咨询来电客户", "regular", ("赵工", phone, null));
        var callId = Telephony.NewCallId();
        // Started here without the PBX's events: the customer's page finds the call by its number as recorded.
        var (_, logTask) = await AnsweredAsync(callId, phone);
        var agent = await PageSession.SignInAsync(service.Host, "agent");
        await agent.PageAsync($"/tasks/{logTask}");

        var logged = await agent.PostFormAsync($"/tasks/{logTask}?handler=Complete", new() { ["form.requestType"] = "consultation" });

        Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);
        Assert.Equal($"/tasks/{logTask}", logged.Headers.Location!.OriginalString);
        var reader = await PageSession.SignInAsync(service.Host, "agent", "zh-CN");
        await reader.PageAsync($"/customers/{customer}");
        Assert.Contains("咨询", reader.Text("data-call", callId));
        Assert.DoesNotContain("consultation", reader.Text("data-call", callId));
    }

    [Fact]
    public async Task An_order_for_a_call_that_never_rang_is_refused_on_the_page_and_keeps_the_call_id()
    {
        var api = await service.As("agent");
        var customer = await RecordsApiTests.AddCustomerAsync(api, "无来电客户", "regular", ("王工", null, "13800001111"));
        var agent = await PageSession.SignInAsync(service.Host, "agent", "en");
        await agent.PageAsync($"/orders/new?customerId={customer}&callId=never-rang");
        Assert.DoesNotContain("data-testid=\"order-call\"", agent.Html);

        var refused = await agent.PostFormAsync("/orders/new",
            new() { ["customerId"] = customer.ToString(), ["type"] = "repair", ["callId"] = "never-rang", ["units"] = "" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("never-rang", html);
        Assert.Contains("name=\"callId\" value=\"never-rang\"", html);
    }

    [Theory]
    [InlineData("+86 139 0571 2233", "13905712233")]
    [InlineData("+86 21 5555 0100", "2155550100")]
    [InlineData("0086 10 8888 0101", "1088880101")]
    [InlineData("021-5555-0100", "2155550100")]
    [InlineData("13905712233", "13905712233")]
    [InlineData("86123456", "86123456")]
    [InlineData(null, "")]
    public void A_callers_number_is_searched_without_country_code_or_trunk_zero(string? from, string expected) =>
        Assert.Equal(expected, WorkflowService.AfterSales.Customers.CustomerRules.NationalDigits(from));
}
