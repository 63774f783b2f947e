using WorkflowService.Runtime.Tasks;
using WorkflowService.Runtime.Tests.Support;
using WorkflowService.Testing;

namespace WorkflowService.Runtime.Tests.Instances;

/// <summary>
/// A breach is charged to a person as well as a group, through the real runtime: a timer on a subprocess
/// names whoever holds the work inside it; an explicit <c>responsible</c> property wins; a failing one falls back.
/// </summary>
public sealed class BreachChargeTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static readonly TimeSpan Late = TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1);

    /// <summary>Repair work in a subprocess watched by a one-hour SLA timer; inside, the engineer's task and, in parallel, the warehouse's.</summary>
    private static string Process(string key, bool withParts, string timerProperties = "", bool escalate = false) => TestBpmn.Process(key, $"""
        <bpmn:startEvent id="start" />
        <bpmn:subProcess id="repairWork">
          <bpmn:startEvent id="workStart" />
          <bpmn:parallelGateway id="fork" />
          <bpmn:userTask id="repairDevice" name="Repair" camunda:candidateGroups="engineers" />
          {(withParts ? """<bpmn:userTask id="prepareParts" name="Parts" camunda:candidateGroups="warehouse" /><bpmn:endEvent id="partsDone" />""" : "")}
          <bpmn:endEvent id="workDone" />
          {TestBpmn.Flows("workStart", "fork", "repairDevice", "workDone")}
          {(withParts ? TestBpmn.Flows("fork", "prepareParts", "partsDone") : "")}
        </bpmn:subProcess>
        <bpmn:boundaryEvent id="turnaroundTimer" cancelActivity="false" attachedToRef="repairWork">
          <bpmn:extensionElements><camunda:properties>
            <camunda:property name="sla" value="repair-turnaround" />{timerProperties}
          </camunda:properties></bpmn:extensionElements>
          <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
        </bpmn:boundaryEvent>
        {(escalate ? Escalation(key) : "")}
        <bpmn:endEvent id="noted" />
        <bpmn:endEvent id="done" />
        {TestBpmn.Flows("start", "repairWork", "done")}{(escalate ? TestBpmn.Flows("turnaroundTimer", "escalate", "noted") : TestBpmn.Flows("turnaroundTimer", "noted"))}
        """);

    /// <summary>The managers are emailed with the escalation template, the subject naming the process key.</summary>
    private static string Escalation(string key) => $"""
        <bpmn:sendTask id="escalate" camunda:type="external" camunda:topic="send-email">
          <bpmn:extensionElements><camunda:inputOutput>
            <camunda:inputParameter name="to">managers</camunda:inputParameter>
            <camunda:inputParameter name="rule">repair-turnaround</camunda:inputParameter>
            <camunda:inputParameter name="subject">Repair for {key} is late</camunda:inputParameter>
          </camunda:inputOutput></bpmn:extensionElements>
        </bpmn:sendTask>
        """;

    private async Task<Guid> StartAsync(string xml, object? variables = null)
    {
        var admin = service.As("admin");
        return await admin.StartAsync(await admin.DeployAsync(xml), variables);
    }

    private async Task ClaimAsync(string user, Guid instanceId, string elementId)
    {
        var who = service.As(user);
        await service.Host.Get<TaskService>().ClaimAsync(who.Caller, await who.TaskIdAsync(instanceId, elementId));
    }

    [Fact]
    public async Task A_late_subprocess_is_charged_to_the_assignee_of_the_task_inside_it_and_its_group()
    {
        var id = await StartAsync(Process("charge-inner", withParts: false));
        await ClaimAsync("engineer", id, "repairDevice");

        await service.AdvanceAsync(Late);

        var breach = await service.ExpectBreachAsync(id, "repair-turnaround");
        Assert.Equal("turnaroundTimer", breach.ElementId);
        Assert.Equal("engineer", breach.Responsible);
        Assert.Equal("engineers", breach.ResponsibleGroup);
        Assert.Null(breach.ResponsibleNote);
    }

    [Fact]
    public async Task A_late_subprocess_nobody_has_claimed_is_charged_to_the_group_and_no_person()
    {
        var id = await StartAsync(Process("charge-unclaimed", withParts: false));

        await service.AdvanceAsync(Late);

        var breach = await service.ExpectBreachAsync(id, "repair-turnaround");
        Assert.Null(breach.Responsible);
        Assert.Equal("engineers", breach.ResponsibleGroup);
    }

    [Fact]
    public async Task With_two_tasks_inside_the_person_is_the_one_assigned_and_the_groups_are_both()
    {
        var id = await StartAsync(Process("charge-parallel", withParts: true));
        await ClaimAsync("warehouse", id, "prepareParts");

        await service.AdvanceAsync(Late);

        var breach = await service.ExpectBreachAsync(id, "repair-turnaround");
        Assert.Equal("warehouse", breach.Responsible);
        Assert.Equal(["engineers", "warehouse"], breach.ResponsibleGroup!.Split(',').Order());
    }

    [Fact]
    public async Task With_two_assigned_tasks_inside_the_person_is_the_one_holding_the_oldest()
    {
        var id = await StartAsync(Process("charge-oldest", withParts: true));
        // The fork's first flow goes to repairDevice, so its task is created first.
        await ClaimAsync("warehouse", id, "prepareParts");
        await ClaimAsync("engineer", id, "repairDevice");

        await service.AdvanceAsync(Late);

        Assert.Equal("engineer", (await service.ExpectBreachAsync(id, "repair-turnaround")).Responsible);
    }

    [Fact]
    public async Task An_explicit_responsible_property_names_the_dispatched_engineer_whoever_claimed_the_work()
    {
        var id = await StartAsync(Process("charge-explicit", withParts: true, """
            <camunda:property name="responsible" value="${dispatchedEngineer}" />
            <camunda:property name="responsibleGroup" value="repair-station" />
            """), new { dispatchedEngineer = "engineer" });
        await ClaimAsync("warehouse", id, "prepareParts");

        await service.AdvanceAsync(Late);

        var breach = await service.ExpectBreachAsync(id, "repair-turnaround");
        Assert.Equal("engineer", breach.Responsible);
        Assert.Equal("repair-station", breach.ResponsibleGroup);
    }

    [Fact]
    public async Task A_responsible_expression_naming_an_undefined_variable_falls_back_and_the_breach_says_why()
    {
        var id = await StartAsync(Process("charge-failing", withParts: false,
            """<camunda:property name="responsible" value="${dispatchedEngineer}" />"""));
        await ClaimAsync("engineer", id, "repairDevice");

        await service.AdvanceAsync(Late);

        var breach = await service.ExpectBreachAsync(id, "repair-turnaround");
        Assert.Equal("engineer", breach.Responsible);
        Assert.Equal("engineers", breach.ResponsibleGroup);
        Assert.Contains("dispatchedEngineer", breach.ResponsibleNote);
        Assert.Equal("Running", (await service.As("admin").InstanceAsync(id)).Instance.Status);
    }

    [Fact]
    public async Task The_escalation_email_names_the_person_and_the_group_charged()
    {
        var id = await StartAsync(Process("charge-mail", withParts: false, escalate: true));
        await ClaimAsync("engineer", id, "repairDevice");

        await service.AdvanceAsync(Late);

        var mail = await service.ExpectEscalationAsync(id, "repair-turnaround", "charge-mail");
        var html = System.Net.WebUtility.HtmlDecode(mail.Message.HtmlBody);
        Assert.Contains("责任人 / Responsible", html);
        Assert.Matches(@"<td>engineer <span[^>]*>\(engineers\)</span></td>", html);
    }
}
