using Microsoft.Extensions.DependencyInjection;
using System.Net;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Records;

/// <summary>
/// A request taken on the hotline: the order's acceptance clock starts when the call came in, not when the agent
/// typed it, and one call opens one order however often the agent's page asks.
/// </summary>
public sealed class OrdersFromCallsTests(TelephonyHost service) : IClassFixture<TelephonyHost>
{
    [Fact]
    public async Task An_order_from_a_call_is_received_when_the_call_rang_and_asking_again_answers_the_same_order()
    {
        var callId = Telephony.NewCallId();
        var pbx = new Telephony(service.Host.CreateClient());
        await ApiClient.Expect(await pbx.RingAsync(callId, from: "+86 139 0571 2233"), HttpStatusCode.Created);
        var admin = await service.As("admin");
        var rang = (await admin.GetJsonAsync("/api/instances?definitionKey=hotline-call")).EnumerateArray()
            .Single(i => i.GetProperty("businessKey").GetString() == callId).GetProperty("startedAt").GetDateTimeOffset();
        await Task.Delay(50);
        var agent = await service.As("agent");
        var customer = await RecordsApiTests.AddCustomerAsync(agent, "来电客户", "regular", ("来电人", null, "13905712233"));

        var first = await agent.PostAsync("/api/orders", new { type = "repair", customerId = customer, units = 3, callId });
        var again = await agent.PostAsync("/api/orders", new { type = "repair", customerId = customer, units = 3, callId });

        var opened = await ReadAsync(first, HttpStatusCode.Created);
        var repeated = await ReadAsync(again, HttpStatusCode.OK);
        Assert.Equal(opened.GetProperty("number").GetString(), repeated.GetProperty("number").GetString());
        var order = await agent.GetJsonAsync($"/api/orders/{opened.GetProperty("number").GetString()}");
        Assert.Equal(rang, order.GetProperty("order").GetProperty("receivedAt").GetDateTimeOffset());
        var instance = await admin.InstanceAsync(opened.GetProperty("instanceId").GetGuid());
        var variables = instance.GetProperty("variables");
        Assert.Equal(rang, DateTimeOffset.Parse(variables.GetProperty("receivedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        // The repair's acceptance (one working day of calendar default) runs from the ring, not from the order.
        var acceptance = Assert.Single(instance.GetProperty("pendingTimers").EnumerateArray());
        Assert.Equal("acceptanceTimer", acceptance.GetProperty("elementId").GetString());
        var calendar = service.Host.Services.GetRequiredService<WorkflowService.Runtime.Calendars.CalendarStore>().Require("default");
        Assert.Equal(calendar.Add(rang, WorkflowService.Engine.Timers.IsoDuration.Parse("P1D")), acceptance.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Single((await admin.GetJsonAsync($"/api/orders?customerId={customer}")).EnumerateArray());

        var unknown = await agent.PostAsync("/api/orders", new { type = "repair", customerId = customer, callId = "call-that-never-rang" });
        await ApiClient.ExpectProblemAsync(unknown, HttpStatusCode.BadRequest);
    }

    private static async Task<System.Text.Json.JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        await ApiClient.Expect(response, expected);
        return await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(response.Content);
    }
}
