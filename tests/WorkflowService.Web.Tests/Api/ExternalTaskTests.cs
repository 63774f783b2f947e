using System.Net;
using System.Text.Json;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Api;

/// <summary>
/// An outside worker (an ERP connector signed in as a user with the <c>worker</c> role) works a
/// process's external service task through the API: fetch-and-lock, then complete or fail. A
/// failure with an error code follows the error boundary event; a failure with no retries left
/// becomes an incident that a manager can retry. Each test deploys its own process and topic.
/// </summary>
public sealed class ExternalTaskTests(ServiceFixture service) : IClassFixture<ServiceFixture>, IAsyncLifetime
{
    private const string Worker = "erp-connector";

    public async Task InitializeAsync() => await service.Host.CreateUserAsync(Worker, "worker");

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Deploys a process whose service task waits on <paramref name="topic"/> and starts one instance.</summary>
    private async Task<Guid> WaitingOnAsync(string topic)
    {
        var owner = await service.As("owner");
        var key = await owner.DeployAsync(TestBpmn.ExternalCheck($"erp-{topic}", topic));
        return await owner.StartAsync(key, new { customer = "ERP Check Ltd" }, businessKey: $"erp-{topic}-1");
    }

    private async Task<JsonElement> FetchOneAsync(string topic)
    {
        var worker = await service.As(Worker);
        var locked = await worker.PostJsonAsync("/api/external-tasks/fetch-and-lock",
            new { workerId = Worker, maxTasks = 5, topics = new[] { new { topicName = topic, lockDuration = 60_000 } } }, HttpStatusCode.OK);
        return Assert.Single(locked.EnumerateArray());
    }

    private async Task<string[]> ActiveAsync(Guid id) =>
        ApiClient.Strings((await (await service.As("owner")).InstanceAsync(id)).GetProperty("activeElementIds"));

    [Fact]
    public async Task A_worker_fetches_the_task_with_its_inputs_and_completing_it_moves_the_instance_on()
    {
        var id = await WaitingOnAsync("erp-lookup");
        Assert.Equal(["checkErp"], await ActiveAsync(id));

        var task = await FetchOneAsync("erp-lookup");
        Assert.Equal(id, task.GetProperty("instanceId").GetGuid());
        Assert.Equal("checkErp", task.GetProperty("elementId").GetString());
        Assert.Equal("erp-erp-lookup-1", task.GetProperty("businessKey").GetString());
        Assert.Equal("ERP Check Ltd", task.GetProperty("variables").GetProperty("customer").GetString());
        var worker = await service.As(Worker);
        Assert.Empty((await worker.PostJsonAsync("/api/external-tasks/fetch-and-lock",
            new { workerId = "other-worker", topics = new[] { new { topicName = "erp-lookup", lockDuration = 60_000 } } },
            HttpStatusCode.OK)).EnumerateArray());

        await worker.PostJsonAsync($"/api/external-tasks/{task.GetProperty("id").GetGuid()}/complete",
            new { workerId = Worker, variables = new { erpCustomerId = "C-100042" } }, HttpStatusCode.NoContent);

        Assert.Equal(["reviewCheck"], await ActiveAsync(id));
        var instance = await (await service.As("owner")).InstanceAsync(id);
        Assert.Equal("C-100042", instance.GetProperty("variables").GetProperty("erpCustomerId").GetString());
    }

    [Fact]
    public async Task A_result_the_output_mapping_cannot_read_is_a_400_and_the_task_stays_with_the_worker()
    {
        var owner = await service.As("owner");
        await owner.DeployAsync(TestBpmn.Process("erp-mapped", $"""
            <bpmn:startEvent id="start" />
            <bpmn:serviceTask id="lookUp" camunda:type="external" camunda:topic="erp-mapped">
              <bpmn:extensionElements><camunda:inputOutput>
                <camunda:outputParameter name="erpCustomerId">${"{result.customer.id}"}</camunda:outputParameter>
              </camunda:inputOutput></bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:userTask id="review" camunda:candidateGroups="agents" />
            {TestBpmn.Flows("start", "lookUp", "review")}
            """));
        var id = await owner.StartAsync("erp-mapped");
        var task = await FetchOneAsync("erp-mapped");
        var worker = await service.As(Worker);
        var complete = $"/api/external-tasks/{task.GetProperty("id").GetGuid()}/complete";

        var refused = await worker.PostAsync(complete, new { workerId = Worker, variables = new { status = "found" } });

        var problem = await ApiClient.ExpectProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.Contains("cannot be taken", problem.GetProperty("detail").GetString());
        Assert.Equal(["lookUp"], await ActiveAsync(id));
        await worker.PostJsonAsync(complete, new { workerId = Worker, variables = new { result = new { customer = new { id = "C-7" } } } },
            HttpStatusCode.NoContent);
        Assert.Equal(["review"], await ActiveAsync(id));
        Assert.Equal("C-7", (await owner.InstanceAsync(id)).GetProperty("variables").GetProperty("erpCustomerId").GetString());
    }

    [Fact]
    public async Task A_failure_with_an_error_code_is_caught_by_the_error_boundary_event()
    {
        var id = await WaitingOnAsync("erp-missing");
        var task = await FetchOneAsync("erp-missing");

        await (await service.As(Worker)).PostJsonAsync($"/api/external-tasks/{task.GetProperty("id").GetGuid()}/failure",
            new { workerId = Worker, errorCode = "NOT_IN_ERP", errorMessage = "Customer unknown to the ERP" }, HttpStatusCode.NoContent);

        Assert.Equal(["registerInErp"], await ActiveAsync(id));
        Assert.Empty((await (await service.As("owner")).InstanceAsync(id)).GetProperty("incidents").EnumerateArray());
    }

    [Fact]
    public async Task A_failure_without_retries_is_an_incident_and_retrying_it_offers_the_task_again()
    {
        var id = await WaitingOnAsync("erp-down");
        var task = await FetchOneAsync("erp-down");
        var worker = await service.As(Worker);

        await worker.PostJsonAsync($"/api/external-tasks/{task.GetProperty("id").GetGuid()}/failure",
            new { workerId = Worker, errorMessage = "ERP timed out", retries = 0 }, HttpStatusCode.NoContent);

        var manager = await service.As("manager");
        var failed = await manager.InstanceAsync(id);
        Assert.Equal("Running", failed.GetProperty("status").GetString());
        var incident = Assert.Single(failed.GetProperty("incidents").EnumerateArray());
        Assert.Equal("checkErp", incident.GetProperty("elementId").GetString());
        Assert.Contains("ERP timed out", incident.GetProperty("message").GetString());
        Assert.Empty((await worker.PostJsonAsync("/api/external-tasks/fetch-and-lock",
            new { workerId = Worker, topics = new[] { new { topicName = "erp-down", lockDuration = 60_000 } } },
            HttpStatusCode.OK)).EnumerateArray());

        var retried = await manager.PostJsonAsync($"/api/instances/{id}/incidents/{incident.GetProperty("id").GetInt32()}/retry",
            new { }, HttpStatusCode.OK);

        Assert.Empty(retried.GetProperty("incidents").EnumerateArray());
        var again = await FetchOneAsync("erp-down");
        Assert.NotEqual(task.GetProperty("id").GetGuid(), again.GetProperty("id").GetGuid());
        await worker.PostJsonAsync($"/api/external-tasks/{again.GetProperty("id").GetGuid()}/complete",
            new { workerId = Worker }, HttpStatusCode.NoContent);
        Assert.Equal(["reviewCheck"], await ActiveAsync(id));
    }

    [Fact]
    public async Task A_failure_with_retries_left_offers_the_same_task_again_after_the_retry_timeout()
    {
        var id = await WaitingOnAsync("erp-flaky");
        var task = await FetchOneAsync("erp-flaky");

        await (await service.As(Worker)).PostJsonAsync($"/api/external-tasks/{task.GetProperty("id").GetGuid()}/failure",
            new { workerId = Worker, errorMessage = "ERP busy", retries = 2, retryTimeout = 60_000 }, HttpStatusCode.NoContent);

        Assert.Equal(["checkErp"], await ActiveAsync(id));
        Assert.Empty((await (await service.As("owner")).InstanceAsync(id)).GetProperty("incidents").EnumerateArray());
        service.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(task.GetProperty("id").GetGuid(), (await FetchOneAsync("erp-flaky")).GetProperty("id").GetGuid());
    }
}
