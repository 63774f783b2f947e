using System.Net;
using WorkflowService.Testing;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Api;

/// <summary>
/// A dispatch names the engineer who owns the work (派工单): a person field offers the group's members, refuses anyone
/// else naming the field, and stores the user name as the directory spells it, so the next task is assigned to them.
/// </summary>
public sealed class PersonFieldTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private const string EngineerExpression = "${engineer}";

    private static string Dispatch(string key) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                          id="defs" targetNamespace="test">
          <bpmn:process id="{key}" name="派工测试" isExecutable="true">
            <bpmn:startEvent id="s">
              <bpmn:extensionElements>
                <camunda:formData>
                  <camunda:formField id="reviewer" label="审核人" type="string">
                    <camunda:properties><camunda:property id="memberOf" value="service-desk" /></camunda:properties>
                  </camunda:formField>
                </camunda:formData>
              </bpmn:extensionElements>
            </bpmn:startEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="dispatch" />
            <bpmn:userTask id="dispatch" name="派工" camunda:candidateGroups="service-desk">
              <bpmn:extensionElements>
                <camunda:formData>
                  <camunda:formField id="engineer" label="维修工程师" type="string">
                    <camunda:properties>
                      <camunda:property id="label:en" value="Engineer" />
                      <camunda:property id="memberOf" value="engineers" />
                    </camunda:properties>
                    <camunda:validation><camunda:constraint name="required" /></camunda:validation>
                  </camunda:formField>
                </camunda:formData>
              </bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="f2" sourceRef="dispatch" targetRef="repair" />
            <bpmn:userTask id="repair" name="维修" camunda:assignee="{EngineerExpression}" />
            <bpmn:sequenceFlow id="f3" sourceRef="repair" targetRef="e" />
            <bpmn:endEvent id="e" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task The_dispatch_offers_the_engineers_refuses_anyone_else_and_assigns_the_one_chosen()
    {
        var key = await (await service.As("owner")).DeployAsync(Dispatch($"dispatch-{Guid.NewGuid():N}"[..20]));
        var desk = await service.As("desk");
        var instance = await desk.StartAsync(key);
        var taskId = await desk.TaskIdAsync(instance, "dispatch");

        var field = (await desk.GetJsonAsync($"/api/tasks/{taskId}")).GetProperty("form")[0];
        Assert.Equal("engineers", field.GetProperty("memberOf").GetString());
        Assert.Equal(["engineer"], field.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("id").GetString()!));

        foreach (var notAnEngineer in new[] { "agent", "nobody-here" })
        {
            var refused = await desk.PostAsync($"/api/tasks/{taskId}/complete", new { variables = new { engineer = notAnEngineer } });
            var problem = await ApiClient.ExpectProblemAsync(refused, HttpStatusCode.BadRequest);
            var error = problem.GetProperty("errors")[0];
            Assert.Equal(("engineer", "not-member"), (error.GetProperty("field").GetString(), error.GetProperty("code").GetString()));
            Assert.Contains(notAnEngineer, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal(["dispatch"], (await desk.TasksAsync(instance)).Select(t => t.GetProperty("elementId").GetString()));

        await ApiClient.Expect(await desk.PostAsync($"/api/tasks/{taskId}/complete", new { variables = new { engineer = " Engineer " } }),
            HttpStatusCode.NoContent);

        // Stored as the directory spells the name: the engineer's own inbox has the repair.
        var repair = (await (await service.As("engineer")).TasksAsync(instance)).Single();
        Assert.Equal(("repair", "engineer"), (repair.GetProperty("elementId").GetString(), repair.GetProperty("assignee").GetString()));
    }

    [Fact]
    public async Task A_start_form_person_field_is_checked_too()
    {
        var key = await (await service.As("owner")).DeployAsync(Dispatch($"dispatch-{Guid.NewGuid():N}"[..20]));
        var desk = await service.As("desk");

        var refused = await desk.PostAsync("/api/instances", new { definitionKey = key, variables = new { reviewer = "engineer" } });

        var problem = await ApiClient.ExpectProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.Equal("reviewer", problem.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Empty((await desk.GetJsonAsync($"/api/instances?definitionKey={key}")).EnumerateArray());
    }

    [Fact]
    public async Task The_task_page_offers_the_members_by_name_and_a_refusal_says_which_group()
    {
        var key = await (await service.As("owner")).DeployAsync(Dispatch($"dispatch-{Guid.NewGuid():N}"[..20]));
        var desk = await service.As("desk");
        var instance = await desk.StartAsync(key);
        var taskId = await desk.TaskIdAsync(instance, "dispatch");
        var page = await PageSession.SignInAsync(service.Host, "desk", "zh-CN");

        await page.PageAsync($"/tasks/{taskId}");
        Assert.Contains("data-member-of=\"engineers\"", page.Tag("name", "form.engineer"));
        Assert.Contains("<option value=\"engineer\">Engineer 售后服务工程师 (engineer)</option>", page.Html);

        var refused = await page.PostFormAsync($"/tasks/{taskId}?handler=Complete", new() { ["form.engineer"] = "agent" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("请选择 engineers 组中可登录的成员", html);
    }

    [Fact]
    public async Task A_complaint_owner_is_chosen_from_the_agents_the_desk_and_the_managers_and_nobody_else()
    {
        var agent = await service.As("agent");
        var instance = await agent.StartAsync("complaint", businessKey: $"TS-OWNER-{Guid.NewGuid():N}"[..20]);
        var taskId = await agent.TaskIdAsync(instance, "recordComplaint");

        var owner = (await agent.GetJsonAsync($"/api/tasks/{taskId}")).GetProperty("form").EnumerateArray()
            .Single(f => f.GetProperty("id").GetString() == "owner");
        var offered = owner.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("id").GetString()!).ToList();
        Assert.Superset(new HashSet<string> { "agent", "agent2", "desk", "manager" }, offered.ToHashSet());
        Assert.DoesNotContain("engineer", offered);
        Assert.Equal(offered.Count, offered.Distinct().Count());

        var refused = await agent.PostAsync($"/api/tasks/{taskId}/complete",
            new { variables = new { category = "delay", description = "Late repair", owner = "engineer" } });
        var error = (await ApiClient.ExpectProblemAsync(refused, HttpStatusCode.BadRequest)).GetProperty("errors")[0];
        Assert.Equal(("owner", "not-member"), (error.GetProperty("field").GetString(), error.GetProperty("code").GetString()));
    }
}
