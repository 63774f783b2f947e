using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Tests.Support;

namespace WorkflowService.Engine.Tests.Execution;

public class ExternalTaskTests
{
    private static readonly Engine.Model.ProcessModel Escalation = TestProcess.Parse("""
        <startEvent id="start" />
        <sendTask id="mail" camunda:type="external" camunda:topic="send-email" camunda:taskPriority="${units > 10 ? 9 : 1}">
          <extensionElements>
            <camunda:inputOutput>
              <camunda:inputParameter name="to">managers</camunda:inputParameter>
              <camunda:inputParameter name="subject">Repair of ${units} units is late</camunda:inputParameter>
              <camunda:inputParameter name="units">${units}</camunda:inputParameter>
              <camunda:inputParameter name="cc"><camunda:list><camunda:value>ann</camunda:value><camunda:value>${owner}</camunda:value></camunda:list></camunda:inputParameter>
              <camunda:inputParameter name="meta"><camunda:map><camunda:entry key="rule">repair-turnaround</camunda:entry></camunda:map></camunda:inputParameter>
            </camunda:inputOutput>
          </extensionElements>
        </sendTask>
        <endEvent id="end" />
        """, "start -> mail -> end");

    [Fact]
    public void An_external_task_publishes_its_evaluated_inputs_on_its_topic()
    {
        var sim = Simulation.Start(Escalation, new { units = 25, owner = "bob" });

        var task = sim.ExternalTask("mail");
        Assert.Equal("send-email", task.Topic);
        Assert.Equal(9, task.Priority);
        Assert.Equal("managers", task.Inputs["to"].GetString());
        Assert.Equal("Repair of 25 units is late", task.Inputs["subject"].GetString());
        Assert.Equal(25, task.Inputs["units"].GetInt32());
        Assert.Equal(["ann", "bob"], task.Inputs["cc"].EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("repair-turnaround", task.Inputs["meta"].GetProperty("rule").GetString());
    }

    [Fact]
    public void The_instance_waits_until_the_worker_reports_the_result()
    {
        var sim = Simulation.Start(Escalation, new { units = 25, owner = "bob" });
        Assert.Equal(InstanceStatus.Running, sim.State.Status);

        sim.CompleteExternalTask("mail", new { messageId = "<abc@ws>" });

        Assert.True(sim.IsCompleted);
        Assert.Equal("<abc@ws>", sim.Variable("messageId").GetString());
    }

    [Fact]
    public void Output_parameters_choose_which_result_variables_are_kept()
    {
        var model = TestProcess.Parse("""
            <startEvent id="start" />
            <serviceTask id="lookup" camunda:type="external" camunda:topic="erp-lookup">
              <extensionElements><camunda:inputOutput>
                <camunda:outputParameter name="warrantyEnd">${result.warranty.end}</camunda:outputParameter>
              </camunda:inputOutput></extensionElements>
            </serviceTask>
            <endEvent id="end" />
            """, "start -> lookup -> end");
        var sim = Simulation.Start(model);

        sim.CompleteExternalTask("lookup", new { result = new { warranty = new { end = "2027-01-31" } }, noise = 1 });

        Assert.Equal("2027-01-31", sim.Variable("warrantyEnd").GetString());
        Assert.False(sim.State.Variables.ContainsKey("noise"));
        Assert.False(sim.State.Variables.ContainsKey("result"));
    }
}

public class ScriptTaskTests
{
    [Fact]
    public void A_script_sets_variables_and_its_result_variable()
    {
        var model = TestProcess.Parse("""
            <startEvent id="start" />
            <scriptTask id="compute" scriptFormat="javascript" camunda:resultVariable="days">
              <script>execution.setVariable('batches', Math.ceil(units / 10)); Math.ceil(units / 10) * 1</script>
            </scriptTask>
            <userTask id="next" />
            """, "start -> compute -> next");

        var sim = Simulation.Start(model, new { units = 21 });

        Assert.Equal(3, sim.Variable("batches").GetInt32());
        Assert.Equal(3, sim.Variable("days").GetInt32());
        Assert.True(sim.HasTask("next"));
    }

    [Fact]
    public void A_failing_script_is_an_incident_on_the_script_task()
    {
        var model = TestProcess.Parse("""
            <startEvent id="start" />
            <scriptTask id="compute" scriptFormat="javascript"><script>throw new Error('bad data')</script></scriptTask>
            <userTask id="next" />
            """, "start -> compute -> next");

        var sim = Simulation.Start(model);

        var incident = Assert.Single(sim.OpenIncidents.Values);
        Assert.Equal("compute", incident.ElementId);
        Assert.Contains("bad data", incident.Message);
        Assert.False(sim.HasTask("next"));
    }
}

public class SlaBreachTests
{
    [Fact]
    public void A_timer_with_an_sla_property_records_a_breach_of_that_rule_when_it_fires()
    {
        var model = TestProcess.Parse("""
            <startEvent id="start" /><userTask id="accept" /><endEvent id="end" />
            <boundaryEvent id="acceptLate" attachedToRef="accept" cancelActivity="false">
              <extensionElements><camunda:properties><camunda:property name="sla" value="acceptance-24h" /></camunda:properties></extensionElements>
              <timerEventDefinition><timeDuration>PT24H</timeDuration></timerEventDefinition>
            </boundaryEvent>
            <endEvent id="noted" />
            """, "start -> accept -> end; acceptLate -> noted");
        var sim = Simulation.Start(model);
        Assert.Equal("acceptance-24h", Assert.Single(sim.PendingTimers.Values).SlaRule);

        sim.AdvanceTo(Simulation.Epoch.AddHours(30));

        var breach = Assert.Single(sim.Breaches);
        Assert.Equal(("acceptance-24h", "acceptLate", Simulation.Epoch.AddHours(24), Simulation.Epoch.AddHours(24)),
            (breach.Rule, breach.ElementId, breach.DueAt, breach.DetectedAt));
        Assert.Equal([sim.Task("accept").TaskId], breach.WatchedTaskIds.ToArray());
        Assert.True(sim.HasTask("accept"));
    }

    [Fact]
    public void A_timer_without_an_sla_property_records_no_breach()
    {
        var model = TestProcess.Parse("""
            <startEvent id="start" />
            <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>PT1M</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <endEvent id="end" />
            """, "start -> wait -> end");
        var sim = Simulation.Start(model);

        sim.AdvanceBy(TimeSpan.FromMinutes(1));

        Assert.True(sim.IsCompleted);
        Assert.Empty(sim.Breaches);
    }
}
