using System.Net;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Api;

/// <summary>
/// Roles decide which actions a signed-in user may take: an agent may not publish processes,
/// read the breach register, or act as an external worker; the roles meant for them may.
/// </summary>
public sealed class RoleRequirementTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static readonly string Xml = TestBpmn.WaitThenTask("role-check", "PT1H");

    [Fact]
    public async Task An_agent_may_not_publish_a_process_and_nothing_is_published()
    {
        var agent = await service.As("agent");

        await ApiClient.Expect(await agent.PostXmlAsync("/api/definitions", Xml), HttpStatusCode.Forbidden);

        await ApiClient.Expect(await agent.GetAsync("/api/definitions/role-check/versions"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_process_owner_may_publish_a_process()
    {
        var owner = await service.As("owner");

        Assert.Equal("role-check-owner", await owner.DeployAsync(TestBpmn.WaitThenTask("role-check-owner", "PT1H")));
    }

    [Fact]
    public async Task An_agent_may_not_read_the_breach_register_but_a_manager_may()
    {
        await ApiClient.Expect(await (await service.As("agent")).GetAsync("/api/breaches"), HttpStatusCode.Forbidden);
        await ApiClient.Expect(await (await service.As("engineer")).GetAsync("/api/breaches"), HttpStatusCode.Forbidden);
        await ApiClient.Expect(await (await service.As("manager")).GetAsync("/api/breaches"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_agent_may_not_fetch_complete_or_fail_external_tasks()
    {
        var agent = await service.As("agent");
        var fetch = new { workerId = "agent-pc", maxTasks = 1, topics = new[] { new { topicName = "send-email", lockDuration = 1000 } } };

        await ApiClient.Expect(await agent.PostAsync("/api/external-tasks/fetch-and-lock", fetch), HttpStatusCode.Forbidden);
        await ApiClient.Expect(await agent.PostAsync($"/api/external-tasks/{Guid.NewGuid()}/complete", new { workerId = "agent-pc" }),
            HttpStatusCode.Forbidden);
        await ApiClient.Expect(await agent.PostAsync($"/api/external-tasks/{Guid.NewGuid()}/failure",
            new { workerId = "agent-pc", errorMessage = "x" }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Only_the_desk_roles_start_a_work_orders_process_and_other_processes_stay_open_to_their_starters()
    {
        var engineer = await service.As("engineer");
        foreach (var key in new[] { "repair", "complaint", "training", "replacement" })
        {
            var refused = await ApiClient.ExpectProblemAsync(await engineer.PostAsync("/api/instances",
                new { definitionKey = key, businessKey = $"forged-{key}", variables = new { customer = "FORGED", inWarranty = true } }),
                HttpStatusCode.Forbidden);
            Assert.Contains("POST /api/orders", refused.GetProperty("detail").GetString());
        }
        var manager = await service.As("manager");
        foreach (var key in new[] { "repair", "complaint" })
            Assert.DoesNotContain($"\"forged-{key}\"", (await manager.GetJsonAsync($"/api/instances?definitionKey={key}&take=500")).GetRawText());

        Assert.NotEqual(Guid.Empty, await (await service.As("desk")).StartAsync("repair", businessKey: "desk-repair"));
        var key2 = await (await service.As("owner")).DeployAsync(TestBpmn.WaitThenTask("role-check-anyone", "PT1H"));
        Assert.NotEqual(Guid.Empty, await engineer.StartAsync(key2));
    }

    [Fact]
    public async Task An_agent_may_not_cancel_an_instance_or_retry_an_incident()
    {
        var agent = await service.As("agent");
        var id = await agent.StartAsync("complaint", businessKey: "role-cancel");

        await ApiClient.Expect(await agent.PostAsync($"/api/instances/{id}/cancel", new { reason = "test" }), HttpStatusCode.Forbidden);
        await ApiClient.Expect(await agent.PostAsync($"/api/instances/{id}/incidents/1/retry"), HttpStatusCode.Forbidden);
        Assert.Equal("Running", await agent.StatusAsync(id));
    }
}
