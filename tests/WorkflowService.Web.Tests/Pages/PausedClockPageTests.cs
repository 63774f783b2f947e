using Microsoft.Extensions.DependencyInjection;
using WorkflowService.Runtime.Definitions;
using WorkflowService.Testing;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Pages;

/// <summary>A paused SLA clock (the order waits for the customer) shows as paused, with its time left, in the inbox and on the instance page.</summary>
public sealed class PausedClockPageTests : IAsyncLifetime
{
    private readonly WorkflowHost _host = new();

    private static readonly string Xml = TestBpmn.Process("paused-clock", $"""
        <bpmn:startEvent id="start" />
        <bpmn:subProcess id="repairWork" name="Repair">
          <bpmn:startEvent id="ws" />
          <bpmn:userTask id="diagnose" name="Diagnose" camunda:candidateGroups="agents" />
          <bpmn:userTask id="waitCustomer" name="Wait for the customer" camunda:candidateGroups="agents">
            <bpmn:extensionElements><camunda:properties><camunda:property name="slaPause" value="true" /></camunda:properties></bpmn:extensionElements>
          </bpmn:userTask>
          <bpmn:endEvent id="we" />
          {TestBpmn.Flows("ws", "diagnose", "waitCustomer", "we")}
        </bpmn:subProcess>
        <bpmn:boundaryEvent id="turnaround" name="Turnaround" cancelActivity="false" attachedToRef="repairWork">
          <bpmn:extensionElements><camunda:properties><camunda:property name="sla" value="repair-turnaround" /></camunda:properties></bpmn:extensionElements>
          <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT10H</bpmn:timeDuration></bpmn:timerEventDefinition>
        </bpmn:boundaryEvent>
        <bpmn:endEvent id="noted" /><bpmn:endEvent id="done" />
        {TestBpmn.Flows("start", "repairWork", "done")}{TestBpmn.Flows("turnaround", "noted")}
        """);

    public Task InitializeAsync() => _host.Services.GetRequiredService<DefinitionService>().DeployAsync(Xml, "test");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_inbox_and_the_instance_page_show_the_paused_clock_and_its_time_left()
    {
        var id = await _host.StartAsync("paused-clock", "PAUSED-1");
        var agent = await PageSession.SignInAsync(_host, "agent");
        await agent.PageAsync("/inbox");
        Assert.DoesNotContain("data-testid=\"sla-paused\"", agent.Html);

        await _host.CompleteAsync(id, "diagnose", new { });

        await agent.PageAsync("/inbox");
        Assert.Matches("SLA paused · (9 h 59 min|10 h)", agent.Text("data-testid", "sla-paused"));
        var manager = await PageSession.SignInAsync(_host, "manager");
        await manager.PageAsync($"/instances/{id}");
        Assert.Equal("paused", manager.Text("data-testid", "sla-paused"));
        Assert.Contains("data-paused=\"true\"", manager.Html);
    }
}
