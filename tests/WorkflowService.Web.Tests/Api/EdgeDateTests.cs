using System.Net;
using System.Text.Json;
using WorkflowService.Web.Tests.Records;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Api;

/// <summary>
/// Days at the calendar's edges (0001-01-01, 9999-12-31) are input like any other: a list or workbook bounded by one
/// answers for "from the beginning" or "to the end", a period or a day that cannot be counted with is a 400 naming its
/// field — never a 500, and never a record half written.
/// </summary>
public sealed class EdgeDateTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task Lists_and_workbooks_bounded_by_the_calendars_first_or_last_day_answer()
    {
        var desk = await service.As("desk");
        foreach (var url in new[]
                 {
                     "/api/orders?from=0001-01-01&to=9999-12-31", "/api/orders/export?to=9999-12-31",
                     "/api/hotline/calls/export?from=0001-01-01&to=9999-12-31",
                 })
            await ApiClient.Expect(await desk.GetAsync(url), HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_report_period_or_a_due_preview_at_the_edge_is_a_400_naming_it()
    {
        var manager = await service.As("manager");
        foreach (var (url, field) in new[]
                 {
                     ("/api/reports/monthly.xlsx?month=9999-12", "month"), ("/api/reports/monthly.xlsx?month=0001-01", "month"),
                     ("/api/reports/weekly.xlsx?week=0001-W01", "week"),
                 })
            Assert.Equal([field], Fields(await ApiClient.ExpectProblemAsync(await manager.GetAsync(url), HttpStatusCode.BadRequest)));

        var first = await manager.PostAsync("/api/calendars/default/due", new { from = "0001-01-01T00:00:00", duration = "P2D" });
        Assert.Equal(["from"], Fields(await ApiClient.ExpectProblemAsync(first, HttpStatusCode.BadRequest)));
        // Counted past the last day: the calendar says the duration lies past 9999.
        var last = await manager.PostAsync("/api/calendars/default/due", new { from = "9999-12-31T23:00:00", duration = "P2D" });
        Assert.Equal(["duration"], Fields(await ApiClient.ExpectProblemAsync(last, HttpStatusCode.BadRequest)));
    }

    [Fact]
    public async Task A_customer_or_device_dated_in_a_year_no_one_means_is_refused_and_nothing_is_kept()
    {
        var agent = await service.As("agent");
        var name = $"边界日期客户{Guid.NewGuid():N}"[..14];

        var customer = await agent.PostAsync("/api/customers", new
        {
            name, category = "key", anchorDate = "9999-12-01", contacts = new[] { new { name = "王工", mobile = "13800000077" } },
        });
        Assert.Equal(["anchorDate"], Fields(await ApiClient.ExpectProblemAsync(customer, HttpStatusCode.BadRequest)));
        Assert.Empty((await agent.GetJsonAsync($"/api/customers?q={Uri.EscapeDataString(name)}")).EnumerateArray());

        var id = await RecordsApiTests.AddCustomerAsync(agent, name, "regular", ("王工", null, "13800000078"));
        var device = await agent.PostAsync($"/api/customers/{id}/devices",
            new { model = "X1", serial = "EDGE" + Guid.NewGuid().ToString("N")[..8], soldOn = "9999-06-01", warrantyMonths = 12 });
        Assert.Equal(["soldOn"], Fields(await ApiClient.ExpectProblemAsync(device, HttpStatusCode.BadRequest)));
        Assert.Empty((await agent.GetJsonAsync($"/api/customers/{id}")).GetProperty("devices").EnumerateArray());
    }

    private static List<string> Fields(JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()!)];
}
