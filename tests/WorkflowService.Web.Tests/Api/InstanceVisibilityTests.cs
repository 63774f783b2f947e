using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowService.Runtime.Instances;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Api;

/// <summary>
/// Who reads an instance (variables, history, timers) through the API and the instance pages:
/// supervisors every instance; anyone else the instances they started and those with a task they
/// can see. An instance outside that is a 404, as if it did not exist, and is left out of lists.
/// Messages reach only instances the sender can see.
/// </summary>
public sealed class InstanceVisibilityTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    /// <summary>A complaint started by agent: its first task is offered to the agents group (agent, agent2).</summary>
    private async Task<Guid> ComplaintAsync(string businessKey) => (await service.ComplaintToRecordAsync(businessKey)).Instance;

    [Fact]
    public async Task A_user_with_no_task_in_an_instance_gets_404_for_it_its_history_and_its_page()
    {
        var id = await ComplaintAsync("vis-outsider");
        var engineer = await service.As("engineer");

        await ApiClient.Expect(await engineer.GetAsync($"/api/instances/{id}"), HttpStatusCode.NotFound);
        await ApiClient.Expect(await engineer.GetAsync($"/api/instances/{id}/history"), HttpStatusCode.NotFound);
        var page = await PageSession.SignInAsync(service.Host, "engineer");
        Assert.Equal(HttpStatusCode.NotFound, (await page.GetAsync($"/instances/{id}")).StatusCode);
    }

    [Fact]
    public async Task Lists_leave_out_instances_the_caller_cannot_see()
    {
        var id = await ComplaintAsync("vis-list");
        var engineer = await service.As("engineer");
        var manager = await service.As("manager");

        var seenByEngineer = await engineer.GetJsonAsync("/api/instances?definitionKey=complaint&take=500");
        var seenByManager = await manager.GetJsonAsync("/api/instances?definitionKey=complaint&take=500");

        Assert.DoesNotContain(seenByEngineer.EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
        Assert.Contains(seenByManager.EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
        var page = await PageSession.SignInAsync(service.Host, "engineer");
        Assert.DoesNotContain("vis-list", await page.PageAsync("/instances?process=complaint"));
        var managerPage = await PageSession.SignInAsync(service.Host, "manager");
        Assert.Contains("vis-list", await managerPage.PageAsync("/instances?process=complaint"));
    }

    [Theory]
    [InlineData("agent")]    // started it
    [InlineData("agent2")]   // its task is offered to their group
    [InlineData("manager")]  // supervisors see every instance
    [InlineData("owner")]
    [InlineData("admin")]
    public async Task The_starter_a_candidate_and_supervisors_read_the_instance(string user)
    {
        var id = await ComplaintAsync($"vis-reader-{user}");
        var reader = await service.As(user);

        var instance = await reader.InstanceAsync(id);

        Assert.Equal($"vis-reader-{user}", instance.GetProperty("businessKey").GetString());
        Assert.NotEmpty(await reader.HistoryAsync(id));
    }

    [Fact]
    public async Task Someone_who_completed_a_task_keeps_reading_the_instance_after_it_moved_on()
    {
        var (id, _) = await service.ComplaintToRecordAsync("vis-done");
        var agent2 = await service.As("agent2");
        await agent2.CompleteAsync(id, "recordComplaint", new
        {
            category = "attitude", description = "Rude", owner = "agent",
        });

        var instance = await agent2.InstanceAsync(id);

        Assert.DoesNotContain("recordComplaint", instance.GetProperty("activeElementIds").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task The_instance_page_shows_every_open_task_and_links_only_those_the_viewer_may_open()
    {
        var id = await ComplaintAsync("vis-page-tasks");
        var taskId = await (await service.As("agent")).TaskIdAsync(id, "recordComplaint");

        var manager = await PageSession.SignInAsync(service.Host, "manager");
        var agent = await PageSession.SignInAsync(service.Host, "agent");

        var managerView = await manager.GetPageAsync($"/instances/{id}");
        var agentView = await agent.GetPageAsync($"/instances/{id}");

        Assert.Contains("data-testid=\"open-tasks\"", managerView);
        Assert.DoesNotContain($"/tasks/{taskId}", managerView);
        Assert.Contains($"/tasks/{taskId}", agentView);
    }

    [Fact]
    public async Task A_message_for_an_instance_the_sender_cannot_see_is_a_404_and_changes_nothing()
    {
        var admin = await service.As("admin");
        var call = await admin.StartAsync("hotline-call",
            new { callId = "vis-call-1", from = "+86 21 5555 0199", to = "400-820-0000", ringSeconds = 5 }, "vis-call-1");
        var engineer = await service.As("engineer");

        var refused = await engineer.PostAsync("/api/messages", new { name = "call-ended", businessKey = "vis-call-1" });
        var byId = await engineer.PostAsync("/api/messages", new { name = "call-ended", instanceId = call });

        await ApiClient.Expect(refused, HttpStatusCode.NotFound);
        await ApiClient.Expect(byId, HttpStatusCode.NotFound);
        Assert.Equal("Running", await admin.StatusAsync(call));
        var agent = await service.As("agent");
        await agent.PostJsonAsync("/api/messages", new { name = "call-ended", businessKey = "vis-call-1" }, HttpStatusCode.OK);
        ServiceFixture.AssertShape(await admin.InstanceAsync(call), "Running", ["callBack"]);
    }

    private static readonly string PartsWait = TestBpmn.Process("vis-await-parts", $"""
        <bpmn:startEvent id="start" />
        <bpmn:intermediateCatchEvent id="awaitParts"><bpmn:messageEventDefinition messageRef="parts" /></bpmn:intermediateCatchEvent>
        <bpmn:userTask id="fit" camunda:candidateGroups="engineers" />
        {TestBpmn.Flows("start", "awaitParts", "fit")}
        """, """<bpmn:message id="parts" name="vis-parts-delivered" />""");

    private static readonly string PartsOrder = TestBpmn.Process("vis-parts-order", $"""
        <bpmn:startEvent id="delivered"><bpmn:messageEventDefinition messageRef="parts" /></bpmn:startEvent>
        <bpmn:userTask id="shelve" camunda:candidateGroups="warehouse" />
        {TestBpmn.Flows("delivered", "shelve")}
        """, """<bpmn:message id="parts" name="vis-parts-delivered" />""");

    /// <summary>Publishes the file, or finds it published already by another test of the class.</summary>
    private static async Task DeployedAsync(ApiClient owner, string xml) =>
        Assert.True((await owner.PostXmlAsync("/api/definitions", xml)).IsSuccessStatusCode, "the test process was refused");

    [Fact]
    public async Task A_message_for_a_waiting_instance_the_sender_cannot_see_is_a_404_not_a_new_instance()
    {
        var owner = await service.As("owner");
        await DeployedAsync(owner, PartsWait);
        await DeployedAsync(owner, PartsOrder);
        var waiting = await (await service.As("agent")).StartAsync("vis-await-parts", businessKey: "VIS-PARTS-1");
        var desk = await service.As("engineer"); // neither in warehouse nor one who sees every instance

        var refused = await desk.PostAsync("/api/messages", new { name = "vis-parts-delivered", businessKey = "VIS-PARTS-1" });

        await ApiClient.Expect(refused, HttpStatusCode.NotFound);
        Assert.Empty((await owner.GetJsonAsync("/api/instances?definitionKey=vis-parts-order")).EnumerateArray());
        Assert.Equal(["awaitParts"], await service.Host.ActiveElementsAsync(waiting));
    }

    [Fact]
    public async Task A_service_account_delivers_messages_to_any_instance()
    {
        var owner = await service.As("owner");
        await DeployedAsync(owner, PartsWait);
        var waiting = await (await service.As("agent")).StartAsync("vis-await-parts", businessKey: "VIS-PARTS-2");
        await service.Host.CreateUserAsync("vis-erp", "worker");
        var erp = await service.As("vis-erp");

        await erp.PostJsonAsync("/api/messages", new { name = "vis-parts-delivered", businessKey = "VIS-PARTS-2" }, HttpStatusCode.OK);

        Assert.Equal(["fit"], await service.Host.ActiveElementsAsync(waiting));
    }

    [Fact]
    public async Task An_account_named_like_a_system_actor_is_not_the_starter_of_what_the_system_started()
    {
        var owner = await service.As("owner");
        await DeployedAsync(owner, PartsWait);
        var byTimer = (await service.Host.Services.GetRequiredService<InstanceRunner>()
            .StartAsync("vis-await-parts", "VIS-TIMER-1", null, SystemActors.Timer)).Instance.Id;
        await service.Host.CreateUserAsync(SystemActors.Timer, "agent");
        var impostor = await service.As(SystemActors.Timer);

        await ApiClient.Expect(await impostor.GetAsync($"/api/instances/{byTimer}"), HttpStatusCode.NotFound);
        Assert.Equal("VIS-TIMER-1", (await owner.InstanceAsync(byTimer)).GetProperty("businessKey").GetString());
    }
}
