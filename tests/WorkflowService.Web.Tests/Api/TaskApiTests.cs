using System.Net;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Api;

/// <summary>Completing a task through the API: the form's values move the process on, refused values name the field.</summary>
public sealed class TaskApiTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task A_registered_repair_request_moves_on_to_acceptance()
    {
        var desk = await service.As("desk");
        var id = await desk.StartAsync("repair", businessKey: "R-100");

        await desk.CompleteAsync(id, "registerRequest", new
        {
            customer = "ACME", contactPhone = "123", model = "X1", fault = "no power", units = 25, inWarranty = true,
        });

        var instance = await desk.InstanceAsync(id);
        Assert.Equal("Running", instance.GetProperty("status").GetString());
        Assert.Equal(["acceptRequest"], instance.GetProperty("activeElementIds").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(25, instance.GetProperty("variables").GetProperty("units").GetInt32());
    }

    [Fact]
    public async Task A_refused_form_value_is_named_in_a_400_and_nothing_moves()
    {
        var desk = await service.As("desk");
        var id = await desk.StartAsync("repair");
        var taskId = await desk.TaskIdAsync(id, "registerRequest");

        var response = await desk.PostAsync($"/api/tasks/{taskId}/complete",
            new { variables = new { customer = "ACME", contactPhone = "123", model = "X1", fault = "x", units = 0, inWarranty = true } });

        await ApiClient.Expect(response, HttpStatusCode.BadRequest);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"field\":\"units\"", body);
        Assert.Contains("\"code\":\"min\"", body);
        Assert.Equal(taskId, await desk.TaskIdAsync(id, "registerRequest"));
    }
}
