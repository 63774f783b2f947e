using System.Net;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Api;

/// <summary>Completing a task through the API: the form's values move the process on, refused values name the field.</summary>
public sealed class TaskApiTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task An_accepted_repair_request_moves_on_to_dispatch()
    {
        var desk = await service.As("desk");
        var id = await desk.StartAsync("repair", new { customer = "ACME", units = 25, inWarranty = true }, businessKey: "R-100");

        await desk.CompleteAsync(id, "acceptRequest", new { fault = "no power", customerInformed = true });

        var instance = await desk.InstanceAsync(id);
        Assert.Equal("Running", instance.GetProperty("status").GetString());
        Assert.Equal(["dispatchEngineer"], instance.GetProperty("activeElementIds").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(25, instance.GetProperty("variables").GetProperty("units").GetInt32());
        Assert.Equal("no power", instance.GetProperty("variables").GetProperty("fault").GetString());
    }

    [Fact]
    public async Task A_refused_form_value_is_named_in_a_400_and_nothing_moves()
    {
        var desk = await service.As("desk");
        var id = await desk.StartAsync("repair");
        var taskId = await desk.TaskIdAsync(id, "acceptRequest");

        var response = await desk.PostAsync($"/api/tasks/{taskId}/complete",
            new { variables = new { fault = new string('x', 2001), customerInformed = true } });

        await ApiClient.Expect(response, HttpStatusCode.BadRequest);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"field\":\"fault\"", body);
        Assert.Contains("\"code\":\"maxlength\"", body);
        Assert.Equal(taskId, await desk.TaskIdAsync(id, "acceptRequest"));
    }
}
