using System.Net;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Records;

/// <summary>The customer page's "every call": the hotline calls that came from the customer's contacts' numbers.</summary>
public sealed class CustomerCallsTests(TelephonyHost service) : IClassFixture<TelephonyHost>
{
    [Fact]
    public async Task A_customer_lists_exactly_the_calls_from_their_numbers_newest_first_on_the_api_and_the_page()
    {
        var mobile = "1370000" + Random.Shared.Next(1000, 9999);
        var agent = await service.As("agent");
        var customer = await RecordsApiTests.AddCustomerAsync(agent, "来电记录测试有限公司", "regular", ("吴工", null, mobile));
        var pbx = new Telephony(service.Host.CreateClient());
        var (first, other, second) = (Telephony.NewCallId(), Telephony.NewCallId(), Telephony.NewCallId());
        await ApiClient.Expect(await pbx.RingAsync(first, from: mobile), HttpStatusCode.Created);
        await Task.Delay(20); // the host's clock is the real one: calls a moment apart
        await ApiClient.Expect(await pbx.RingAsync(other, from: "0571-" + mobile[^8..]), HttpStatusCode.Created);
        await Task.Delay(20); // the host's clock is the real one: calls a moment apart
        await ApiClient.Expect(await pbx.RingAsync(second, from: mobile), HttpStatusCode.Created);
        await Task.Delay(20);
        // The PBX may send the number in international form: the same mobile.
        var international = $"+86 {mobile[..3]} {mobile[3..7]} {mobile[7..]}";
        var third = Telephony.NewCallId();
        await ApiClient.Expect(await pbx.RingAsync(third, from: international), HttpStatusCode.Created);

        var calls = (await agent.GetJsonAsync($"/api/customers/{customer}")).GetProperty("calls").EnumerateArray().ToList();

        Assert.Equal([third, second, first], calls.Select(c => c.GetProperty("callId").GetString()));
        Assert.Equal([international, mobile, mobile], calls.Select(c => c.GetProperty("number").GetString()));
        calls = calls[1..];
        Assert.True(calls[0].GetProperty("at").GetDateTimeOffset() > calls[1].GetProperty("at").GetDateTimeOffset());
        Assert.Equal("Running", calls[0].GetProperty("status").GetString());
        var page = await PageSession.SignInAsync(service.Host, "agent", "zh-CN");
        await page.PageAsync($"/customers/{customer}");
        Assert.Contains(mobile, page.Text("data-call", first));
        Assert.Contains(mobile, page.Text("data-call", second));
        // The page's own ringing-call widget lists every call: look inside the customer's table only.
        var table = page.Html[page.Html.IndexOf("data-testid=\"customer-calls\"", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("</table>", StringComparison.Ordinal)];
        Assert.Equal(3, table.Split("data-call=").Length - 1);
        Assert.DoesNotContain(other, table);
    }
}
