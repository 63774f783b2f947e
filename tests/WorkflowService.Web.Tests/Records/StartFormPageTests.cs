using System.Net;
using WorkflowService.Testing;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Records;

/// <summary>
/// The new-order page asks what the process owners put on the type's start form, as published now: a refused answer
/// comes back next to its field, and the facts of the records (customer, units...) are never asked.
/// </summary>
public sealed class StartFormPageTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task The_new_order_page_asks_the_published_start_form_and_refuses_a_missing_answer_next_to_its_field()
    {
        // A new version of the complaint process whose start event asks a fault (required) and a priority.
        await (await service.As("owner")).DeployAsync(StartFormBpmn.Process("complaint"));
        var api = await service.As("agent");
        var customer = await RecordsApiTests.AddCustomerAsync(api, "开单表单测试", "regular", ("冯工", null, "13800000021"));
        var agent = await PageSession.SignInAsync(service.Host, "agent", "zh-CN");

        var page = await agent.PageAsync($"/orders/new?customerId={customer}&type=complaint");
        Assert.Contains("name=\"form.fault\"", page);
        Assert.Contains("name=\"form.priority\"", page);
        Assert.DoesNotContain("name=\"form.customer\"", page.Replace("form.customerId", "", StringComparison.Ordinal));

        var refused = await agent.PostFormAsync("/orders/new",
            new() { ["customerId"] = customer.ToString(), ["type"] = "complaint", ["units"] = "", ["form.priority"] = "high" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(agent.Text("data-error-for", "fault")), "the missing fault is named next to its input");

        var opened = await agent.PostFormAsync("/orders/new", new()
        {
            ["customerId"] = customer.ToString(), ["type"] = "complaint", ["units"] = "", ["form.fault"] = "安装延误", ["form.priority"] = "high",
        });
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var number = opened.Headers.Location!.OriginalString["/orders/".Length..];
        var order = await api.GetJsonAsync($"/api/orders/{number}");
        var variables = (await (await service.As("admin")).InstanceAsync(order.GetProperty("order").GetProperty("instanceId").GetGuid()))
            .GetProperty("variables");
        Assert.Equal("安装延误", variables.GetProperty("fault").GetString());
        Assert.Equal("开单表单测试", variables.GetProperty("customer").GetString());
    }
}
