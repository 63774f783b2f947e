using WorkflowService.Engine.Calendars;
using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Tests.Calendars;
using WorkflowService.Engine.Tests.Support;

namespace WorkflowService.Engine.Tests.Sla;

/// <summary>Timers and due dates that carry a <c>calendar</c> count in its working time; the rest in real time.</summary>
public class CalendarTimerTests
{
    private static readonly Interpreter WithChina =
        new(new InterpreterOptions { Calendars = TestCalendars.Of(CalendarFixture.China2026()) });

    /// <summary>Friday before the Spring Festival, 16:00 in Shanghai.</summary>
    private static readonly DateTimeOffset FridayBeforeSpringFestival = new(2026, 2, 13, 16, 0, 0, TimeSpan.FromHours(8));

    private static string Props(string calendar, string extra = "") => $"""
        <extensionElements><camunda:properties>
          <camunda:property name="calendar" value="{calendar}" />{extra}
        </camunda:properties></extensionElements>
        """;

    private static Engine.Model.ProcessModel Acceptance(string timerProps, string duration, string processProps = "") =>
        TestProcess.Parse($"""
            <startEvent id="start" /><userTask id="accept" /><endEvent id="end" />
            <boundaryEvent id="late" attachedToRef="accept" cancelActivity="false">
              {timerProps}
              <timerEventDefinition><timeDuration>{duration}</timeDuration></timerEventDefinition>
            </boundaryEvent>
            <endEvent id="noted" />
            """, "start -> accept -> end; late -> noted");

    [Fact]
    public void A_timer_in_the_calendar_counts_working_hours_and_lands_on_the_make_up_Saturday()
    {
        var sim = Simulation.Start(Acceptance(Props("china-2026", """<camunda:property name="sla" value="acceptance" />"""), "PT4H"),
            at: FridayBeforeSpringFestival, interpreter: WithChina);

        var timer = Assert.Single(sim.PendingTimers.Values);
        Assert.Equal(new DateTimeOffset(2026, 2, 14, 11, 0, 0, TimeSpan.FromHours(8)), timer.DueAt);
        Assert.Equal("china-2026", timer.Calendar);
        Assert.Equal("PT4H", timer.Span);
        Assert.Equal(FridayBeforeSpringFestival, timer.CountFrom);
    }

    [Fact]
    public void A_working_day_from_the_make_up_Saturday_skips_the_whole_holiday()
    {
        var sim = Simulation.Start(Acceptance(Props("china-2026"), "P1D"),
            at: new DateTimeOffset(2026, 2, 14, 10, 0, 0, TimeSpan.FromHours(8)), interpreter: WithChina);

        Assert.Equal(new DateTimeOffset(2026, 2, 24, 10, 0, 0, TimeSpan.FromHours(8)), Assert.Single(sim.PendingTimers.Values).DueAt);
    }

    [Fact]
    public void The_process_default_calendar_applies_and_none_keeps_real_time()
    {
        var processWide = TestProcess.Parse("""
            <startEvent id="start" /><userTask id="accept" /><endEvent id="end" />
            <boundaryEvent id="late" attachedToRef="accept" cancelActivity="false">
              <timerEventDefinition><timeDuration>PT4H</timeDuration></timerEventDefinition>
            </boundaryEvent>
            <boundaryEvent id="rings" attachedToRef="accept" cancelActivity="false">
              <extensionElements><camunda:properties><camunda:property name="calendar" value="none" /></camunda:properties></extensionElements>
              <timerEventDefinition><timeDuration>PT15S</timeDuration></timerEventDefinition>
            </boundaryEvent>
            <endEvent id="n1" /><endEvent id="n2" />
            """, "start -> accept -> end; late -> n1; rings -> n2");
        var model = new Engine.Model.ProcessModel(processWide.Key, processWide.Name, processWide.Nodes, processWide.Flows)
        {
            Properties = processWide.Properties.Add("calendar", "china-2026"),
        };

        var sim = Simulation.Start(model, at: FridayBeforeSpringFestival, interpreter: WithChina);

        var byElement = sim.PendingTimers.Values.ToDictionary(t => t.ElementId);
        Assert.Equal(new DateTimeOffset(2026, 2, 14, 11, 0, 0, TimeSpan.FromHours(8)), byElement["late"].DueAt);
        Assert.Equal(FridayBeforeSpringFestival.AddSeconds(15), byElement["rings"].DueAt);
        Assert.Null(byElement["rings"].Calendar);
    }

    [Fact]
    public void A_user_task_due_date_counts_in_its_calendar()
    {
        var sim = Simulation.Start(TestProcess.Parse($"""
            <startEvent id="start" /><userTask id="followUp" camunda:dueDate="P3D">{Props("china-2026")}</userTask><endEvent id="end" />
            """, "start -> followUp -> end"), at: FridayBeforeSpringFestival, interpreter: WithChina);

        // Saturday 14 (make-up), Tuesday 24, Wednesday 25: the third working day, same clock time.
        var task = sim.Task("followUp");
        Assert.Equal(new DateTimeOffset(2026, 2, 25, 16, 0, 0, TimeSpan.FromHours(8)), task.DueAt);
        // What the host needs to count it again when the calendar is edited.
        Assert.Equal(("china-2026", FridayBeforeSpringFestival, "P3D"), (task.DueCalendar, task.DueCountFrom, task.DueSpan));
    }

    [Fact]
    public void A_user_task_due_on_a_date_or_in_real_time_is_not_counted_in_a_calendar()
    {
        var sim = Simulation.Start(TestProcess.Parse($"""
            <startEvent id="start" /><parallelGateway id="split" />
            <userTask id="dated" camunda:dueDate="2026-03-01T08:00:00+08:00">{Props("china-2026")}</userTask>
            <userTask id="realTime" camunda:dueDate="P3D" />
            <endEvent id="end" /><endEvent id="end2" />
            """, "start -> split; split -> dated -> end; split -> realTime -> end2"), at: FridayBeforeSpringFestival, interpreter: WithChina);

        var dated = sim.Task("dated");
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), dated.DueAt);
        Assert.Equal((null, null), (dated.DueCalendar, dated.DueSpan));
        var realTime = sim.Task("realTime");
        Assert.Equal(FridayBeforeSpringFestival.AddDays(3), realTime.DueAt);
        Assert.Equal((null, null), (realTime.DueCalendar, realTime.DueSpan));
    }

    [Fact]
    public void An_unknown_calendar_stops_the_token_as_an_incident_that_names_it()
    {
        var sim = Simulation.Start(Acceptance(Props("nowhere"), "PT4H"), at: FridayBeforeSpringFestival, interpreter: WithChina);

        var incident = Assert.Single(sim.OpenIncidents.Values);
        Assert.Contains("business calendar 'nowhere', which is not defined", incident.Message);
    }

    [Fact]
    public void A_paused_calendar_timer_keeps_its_working_time_and_resumes_after_the_holiday()
    {
        var sim = Simulation.Start(TestProcess.Parse($"""
            <startEvent id="start" />
            <subProcess id="repair">
              <startEvent id="rs" /><userTask id="work" />
              <userTask id="waitCustomer"><extensionElements><camunda:properties><camunda:property name="slaPause" value="true" /></camunda:properties></extensionElements></userTask>
              <userTask id="finish" /><endEvent id="re" />
              <sequenceFlow id="r1" sourceRef="rs" targetRef="work" />
              <sequenceFlow id="r2" sourceRef="work" targetRef="waitCustomer" />
              <sequenceFlow id="r3" sourceRef="waitCustomer" targetRef="finish" />
              <sequenceFlow id="r4" sourceRef="finish" targetRef="re" />
            </subProcess>
            <boundaryEvent id="late" attachedToRef="repair" cancelActivity="false">
              {Props("china-2026", """<camunda:property name="sla" value="repair-time" />""")}
              <timerEventDefinition><timeDuration>PT8H</timeDuration></timerEventDefinition>
            </boundaryEvent>
            <endEvent id="end" /><endEvent id="noted" />
            """, "start -> repair -> end; late -> noted"), at: FridayBeforeSpringFestival, interpreter: WithChina);

        sim.AdvanceBy(TimeSpan.FromHours(1));
        sim.CompleteTask("work");
        Assert.Equal(TimeSpan.FromHours(7), Assert.Single(sim.PausedTimers.Values).Left);

        sim.AdvanceTo(new DateTimeOffset(2026, 2, 24, 10, 0, 0, TimeSpan.FromHours(8)));
        sim.CompleteTask("waitCustomer");

        // 10:00–12:00 and 13:30–17:30 on Tuesday (6 h), then 08:30–09:30 on Wednesday: the 7 working hours left.
        Assert.Equal(new DateTimeOffset(2026, 2, 25, 9, 30, 0, TimeSpan.FromHours(8)), Assert.Single(sim.PendingTimers.Values).DueAt);
    }
}

/// <summary>A round-the-clock calendar (a period ending 24:00) counts exactly as real time, across midnight too.</summary>
public class AroundTheClockTests
{
    [Fact]
    public void A_period_ending_at_24_00_leaves_no_gap_at_midnight()
    {
        var calendar = WorkflowService.Engine.Calendars.WorkingCalendar.Create(
            WorkflowService.Engine.Calendars.CalendarJson.Parse("""
                {"name":"round","timeZone":"Asia/Shanghai","workingDays":["monday","tuesday","wednesday","thursday","friday","saturday","sunday"],
                 "periods":[{"start":"00:00","end":"24:00"}],"exceptions":[],"scheduledYears":[]}
                """), "UTC");
        var start = new DateTimeOffset(2026, 2, 13, 23, 30, 0, TimeSpan.FromHours(8));

        Assert.Equal(start.AddHours(30), calendar.AddWorkingTime(start, TimeSpan.FromHours(30)));
        Assert.Equal(start.AddDays(3), calendar.Add(start, Engine.Timers.IsoDuration.Parse("P3D")));
        Assert.Equal(TimeSpan.FromHours(49), calendar.WorkingTimeBetween(start, start.AddHours(49)));
        Assert.Contains("\"end\":\"24:00\"", WorkflowService.Engine.Calendars.CalendarJson.Write(calendar.Definition).Replace(" ", ""));
    }
}
