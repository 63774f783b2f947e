using System.Net.Http.Headers;
using WorkflowService.Testing;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Api;

/// <summary>
/// A process written in Chinese with its English names beside them: each reader gets the names of their language
/// (<c>Accept-Language</c>) in the task list, the task form, the history and the process list.
/// </summary>
public sealed class BilingualNamesTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static string Bilingual(string key) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                          id="defs" targetNamespace="test">
          <bpmn:process id="{key}" name="维修测试" isExecutable="true">
            <bpmn:extensionElements>
              <camunda:properties><camunda:property name="name:en" value="Repair test" /></camunda:properties>
            </bpmn:extensionElements>
            <bpmn:startEvent id="received" name="收到报修">
              <bpmn:extensionElements>
                <camunda:properties><camunda:property name="name:en" value="Request received" /></camunda:properties>
              </bpmn:extensionElements>
            </bpmn:startEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="received" targetRef="assess" />
            <bpmn:userTask id="assess" name="技术评估" camunda:candidateGroups="agents">
              <bpmn:extensionElements>
                <camunda:properties><camunda:property name="name:en" value="Assess the fault" /></camunda:properties>
                <camunda:formData>
                  <camunda:formField id="location" label="维修地点" type="enum">
                    <camunda:properties>
                      <camunda:property id="label:en" value="Where to repair" />
                      <camunda:property id="value:onSite:en" value="On site" />
                      <camunda:property id="value:workshop:en" value="Workshop" />
                    </camunda:properties>
                    <camunda:value id="onSite" name="现场" />
                    <camunda:value id="workshop" name="车间" />
                  </camunda:formField>
                </camunda:formData>
              </bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="f2" sourceRef="assess" targetRef="done" />
            <bpmn:endEvent id="done" name="结束" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private async Task<ApiClient> AgentIn(string language)
    {
        var agent = await service.Host.LoginAsync("agent"); // its own client: the shared one stays without a language
        agent.Http.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        return agent;
    }

    [Fact]
    public async Task Each_reader_sees_the_process_its_task_and_its_form_in_their_own_language()
    {
        var key = await (await service.As("owner")).DeployAsync(Bilingual($"bilingual-{Guid.NewGuid():N}"[..20]));
        var chinese = await AgentIn("zh-CN");
        var english = await AgentIn("en-US");
        var instance = await chinese.StartAsync(key);
        var taskId = await chinese.TaskIdAsync(instance, "assess");

        Assert.Equal("技术评估", (await chinese.TasksAsync(instance)).Single().GetProperty("name").GetString());
        Assert.Equal("Assess the fault", (await english.TasksAsync(instance)).Single().GetProperty("name").GetString());

        var zhForm = (await chinese.GetJsonAsync($"/api/tasks/{taskId}")).GetProperty("form")[0];
        var enForm = (await english.GetJsonAsync($"/api/tasks/{taskId}")).GetProperty("form")[0];
        Assert.Equal("维修地点", zhForm.GetProperty("label").GetString());
        Assert.Equal("Where to repair", enForm.GetProperty("label").GetString());
        Assert.Equal(["现场", "车间"], zhForm.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("name").GetString()!));
        Assert.Equal(["On site", "Workshop"], enForm.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("name").GetString()!));
        // The stored value is the option's id whatever the language it was chosen in.
        Assert.Equal(["onSite", "workshop"], enForm.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("id").GetString()!));

        var processes = await english.GetJsonAsync("/api/definitions");
        Assert.Equal("Repair test", processes.EnumerateArray().Single(d => d.GetProperty("key").GetString() == key).GetProperty("name").GetString());
        var zhProcesses = await chinese.GetJsonAsync("/api/definitions");
        Assert.Equal("维修测试", zhProcesses.EnumerateArray().Single(d => d.GetProperty("key").GetString() == key).GetProperty("name").GetString());

        var enHistory = (await english.HistoryAsync(instance)).Select(h => h.GetProperty("elementName").GetString()).ToList();
        var zhHistory = (await chinese.HistoryAsync(instance)).Select(h => h.GetProperty("elementName").GetString()).ToList();
        Assert.Contains("Request received", enHistory);
        Assert.DoesNotContain("收到报修", enHistory);
        Assert.Contains("收到报修", zhHistory);
        Assert.Contains("技术评估", zhHistory);
    }

    [Fact]
    public async Task A_corrected_translation_reaches_running_work_and_a_name_without_one_shows_as_written()
    {
        var owner = await service.As("owner");
        var key = await owner.DeployAsync(Bilingual($"bilingual-{Guid.NewGuid():N}"[..20]));
        var english = await AgentIn("en");
        var instance = await english.StartAsync(key);

        await owner.DeployAsync(Bilingual(key).Replace("Assess the fault", "Technical assessment", StringComparison.Ordinal));

        Assert.Equal("Technical assessment", (await english.TasksAsync(instance)).Single().GetProperty("name").GetString());
        await english.FinishAsync(instance, "assess", new { location = "onSite" });
        var history = (await english.HistoryAsync(instance)).Select(h => h.GetProperty("elementName").GetString()).ToList();
        Assert.Contains("结束", history); // the end event has no English name: it shows as written
    }
}
