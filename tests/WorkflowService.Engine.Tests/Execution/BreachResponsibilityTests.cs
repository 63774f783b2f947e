using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Tests.Support;

namespace WorkflowService.Engine.Tests.Execution;

/// <summary>A breach names who is charged: an explicit property, else the watched task(s) the host reads the assignee of.</summary>
public class BreachResponsibilityTests
{
    private static string Sla(string rule, string extra = "") => $"""
        <extensionElements><camunda:properties>
          <camunda:property name="sla" value="{rule}" />{extra}
        </camunda:properties></extensionElements>
        """;

    private static string Property(string name, string value) => $"""<camunda:property name="{name}" value="{value}" />""";

    private static Engine.Model.ProcessModel TaskWithTimer(string timerProperties, string assignee = "") => TestProcess.Parse($"""
        <startEvent id="start" /><userTask id="slip" {assignee} camunda:candidateGroups="engineers" /><endEvent id="end" />
        <boundaryEvent id="slipLate" attachedToRef="slip" cancelActivity="false">
          {timerProperties}
          <timerEventDefinition><timeDuration>PT2H</timeDuration></timerEventDefinition>
        </boundaryEvent>
        <endEvent id="noted" />
        """, "start -> slip -> end; slipLate -> noted");

    /// <summary>A subprocess watched by a timer: one task inside it, or two in parallel (fix, then parts).</summary>
    private static Engine.Model.ProcessModel SubProcessWithTimer(string timerProperties, bool parallel) => TestProcess.Parse($"""
        <startEvent id="start" />
        <subProcess id="repair">
          <startEvent id="rs" />
          {(parallel ? """
            <parallelGateway id="fork" />
            <userTask id="fix" camunda:candidateGroups="engineers" />
            <userTask id="parts" camunda:candidateGroups="stores" />
            <endEvent id="re1" /><endEvent id="re2" />
            <sequenceFlow id="r1" sourceRef="rs" targetRef="fork" />
            <sequenceFlow id="r2" sourceRef="fork" targetRef="fix" />
            <sequenceFlow id="r3" sourceRef="fork" targetRef="parts" />
            <sequenceFlow id="r4" sourceRef="fix" targetRef="re1" />
            <sequenceFlow id="r5" sourceRef="parts" targetRef="re2" />
            """ : """
            <userTask id="check" camunda:candidateGroups="engineers" />
            <endEvent id="re1" />
            <sequenceFlow id="r1" sourceRef="rs" targetRef="check" />
            <sequenceFlow id="r2" sourceRef="check" targetRef="re1" />
            """)}
        </subProcess>
        <boundaryEvent id="turnaround" attachedToRef="repair" cancelActivity="false">
          {timerProperties}
          <timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition>
        </boundaryEvent>
        <endEvent id="end" /><endEvent id="noted" />
        """, "start -> repair -> end; turnaround -> noted");

    [Fact]
    public void An_explicit_responsible_expression_names_the_person_from_the_variables_at_the_breach()
    {
        var sim = Simulation.Start(TaskWithTimer(Sla("repair-slip-2d",
            Property("responsible", "${engineer}") + Property("responsibleGroup", "station-${station}"))),
            new { engineer = "wang.wei", station = "north" });

        sim.AdvanceBy(TimeSpan.FromHours(3));

        var breach = Assert.Single(sim.Breaches);
        Assert.Equal("wang.wei", breach.Responsible);
        Assert.Equal("station-north", breach.ResponsibleGroup);
        Assert.Null(breach.ResponsibleNote);
        Assert.Equal([sim.Task("slip").TaskId], breach.WatchedTaskIds.ToArray());
    }

    [Fact]
    public void The_responsible_property_may_sit_on_the_watched_activity_instead_of_the_timer()
    {
        var model = TestProcess.Parse($"""
            <startEvent id="start" />
            <userTask id="slip"><extensionElements><camunda:properties>{Property("responsible", "${owner}")}</camunda:properties></extensionElements></userTask>
            <endEvent id="end" />
            <boundaryEvent id="slipLate" attachedToRef="slip" cancelActivity="false">
              {Sla("repair-slip-2d")}
              <timerEventDefinition><timeDuration>PT2H</timeDuration></timerEventDefinition>
            </boundaryEvent>
            <endEvent id="noted" />
            """, "start -> slip -> end; slipLate -> noted");
        var sim = Simulation.Start(model, new { owner = "li.na" });

        sim.AdvanceBy(TimeSpan.FromHours(3));

        Assert.Equal("li.na", Assert.Single(sim.Breaches).Responsible);
    }

    [Fact]
    public void Without_a_property_the_breach_points_at_the_host_task_whose_assignee_is_charged()
    {
        var sim = Simulation.Start(TaskWithTimer(Sla("repair-slip-2d"), assignee: "camunda:assignee=\"${engineer}\""),
            new { engineer = "zhang.san" });
        var slip = sim.Task("slip");

        sim.AdvanceBy(TimeSpan.FromHours(3));

        var breach = Assert.Single(sim.Breaches);
        Assert.Null(breach.Responsible);
        Assert.Null(breach.ResponsibleGroup);
        Assert.Equal([slip.TaskId], breach.WatchedTaskIds.ToArray());
        Assert.Equal("zhang.san", slip.Assignee);
    }

    [Fact]
    public void A_timer_on_a_subprocess_points_at_the_task_open_inside_it()
    {
        var sim = Simulation.Start(SubProcessWithTimer(Sla("repair-turnaround"), parallel: false));

        sim.AdvanceBy(TimeSpan.FromDays(2));

        var breach = Assert.Single(sim.Breaches);
        Assert.Null(breach.Responsible);
        Assert.Equal([sim.Task("check").TaskId], breach.WatchedTaskIds.ToArray());
    }

    [Fact]
    public void A_timer_on_a_subprocess_points_at_every_task_open_inside_it_oldest_first()
    {
        var sim = Simulation.Start(SubProcessWithTimer(Sla("repair-turnaround"), parallel: true));
        var fix = sim.Task("fix").TaskId;
        var parts = sim.Task("parts").TaskId;

        sim.AdvanceBy(TimeSpan.FromDays(2));

        var breach = Assert.Single(sim.Breaches);
        Assert.Equal([.. new[] { fix, parts }.Order()], breach.WatchedTaskIds.ToArray());
    }

    [Fact]
    public void A_timer_on_a_nested_subprocess_reaches_the_tasks_of_the_inner_scope()
    {
        var model = TestProcess.Parse($"""
            <startEvent id="start" />
            <subProcess id="outer">
              <startEvent id="os" />
              <subProcess id="inner"><startEvent id="is" /><userTask id="deep" /><sequenceFlow id="i1" sourceRef="is" targetRef="deep" /></subProcess>
              <sequenceFlow id="o1" sourceRef="os" targetRef="inner" />
            </subProcess>
            <boundaryEvent id="late" attachedToRef="outer" cancelActivity="true">
              {Sla("complaint-escalation")}
              <timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition>
            </boundaryEvent>
            <endEvent id="end" /><endEvent id="noted" />
            """, "start -> outer -> end; late -> noted");
        var sim = Simulation.Start(model);
        var deep = sim.Task("deep").TaskId;

        sim.AdvanceBy(TimeSpan.FromHours(2));

        Assert.Equal([deep], Assert.Single(sim.Breaches).WatchedTaskIds.ToArray());
        Assert.False(sim.HasTask("deep"));
    }

    [Fact]
    public void A_timer_on_an_intermediate_catch_event_charges_nobody_without_a_property()
    {
        var model = TestProcess.Parse($"""
            <startEvent id="start" />
            <intermediateCatchEvent id="revisitDue">{Sla("revisit")}<timerEventDefinition><timeDuration>P3D</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <endEvent id="end" />
            """, "start -> revisitDue -> end");
        var sim = Simulation.Start(model);

        sim.AdvanceBy(TimeSpan.FromDays(4));

        var breach = Assert.Single(sim.Breaches);
        Assert.Null(breach.Responsible);
        Assert.Null(breach.ResponsibleGroup);
        Assert.Null(breach.ResponsibleNote);
        Assert.Empty(breach.WatchedTaskIds);
        Assert.True(sim.IsCompleted);
    }

    [Theory]
    [InlineData("${missing}")]
    [InlineData("${engineer.toUpperCase().nope()}")]
    [InlineData("${{a: 1}}")]
    public void A_responsible_expression_that_fails_falls_back_to_the_task_and_says_why(string expression)
    {
        var sim = Simulation.Start(TaskWithTimer(Sla("repair-slip-2d", Property("responsible", expression))),
            new { engineer = "wang.wei" });

        sim.AdvanceBy(TimeSpan.FromHours(3));

        var breach = Assert.Single(sim.Breaches);
        Assert.Null(breach.Responsible);
        Assert.Contains("responsible", breach.ResponsibleNote);
        Assert.Contains("failed", breach.ResponsibleNote);
        Assert.Equal([sim.Task("slip").TaskId], breach.WatchedTaskIds.ToArray());
        Assert.Empty(sim.OpenIncidents);
        Assert.True(sim.HasTask("slip"));
    }

    [Fact]
    public void A_responsible_expression_that_gives_nothing_falls_back_and_says_so()
    {
        var sim = Simulation.Start(TaskWithTimer(Sla("repair-slip-2d", Property("responsible", "${engineer}"))),
            new { engineer = "" });

        sim.AdvanceBy(TimeSpan.FromHours(3));

        var breach = Assert.Single(sim.Breaches);
        Assert.Null(breach.Responsible);
        Assert.Equal("responsible ${engineer} gave nobody", breach.ResponsibleNote);
    }
}
