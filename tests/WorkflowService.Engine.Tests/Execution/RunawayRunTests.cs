using System.Globalization;
using System.Diagnostics;
using System.Text;
using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Expressions;
using WorkflowService.Engine.Tests.Support;

namespace WorkflowService.Engine.Tests.Execution;

/// <summary>
/// A run that goes nowhere stops, whatever it spends: steps, arrivals multiplied by a wide fork
/// inside a loop, time spent in expressions, or memory asked of the process in one call.
/// </summary>
public sealed class RunawayRunTests
{
    [Fact]
    public void A_loop_through_a_wide_fork_stops_with_a_bounded_number_of_incidents()
    {
        var branches = new StringBuilder();
        var flows = new StringBuilder("start -> merge -> fork");
        for (var i = 0; i < 1000; i++)
        {
            branches.AppendLine(CultureInfo.InvariantCulture, $"""<task id="t{i}" />""");
            flows.Append(CultureInfo.InvariantCulture, $"; fork -> t{i} -> merge");
        }
        var model = TestProcess.Parse($"""
            <startEvent id="start" />
            <exclusiveGateway id="merge" />
            <parallelGateway id="fork" />
            {branches}
            """, flows.ToString());
        var clock = Stopwatch.StartNew();

        var sim = Simulation.Start(model);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.InRange(sim.OpenIncidents.Count, 1, 100);
        Assert.Contains(sim.OpenIncidents.Values, i => i.Message.Contains("further tokens of the loop were dropped", StringComparison.Ordinal));
        Assert.All(sim.OpenIncidents.Values, i => Assert.Contains("without reaching a wait state", i.Message));
    }

    [Fact]
    public void A_loop_of_slow_scripts_stops_when_the_call_has_run_its_time()
    {
        var model = TestProcess.Parse("""
            <startEvent id="start" />
            <exclusiveGateway id="again" />
            <scriptTask id="work" scriptFormat="javascript"><script>var s = 0; for (var i = 0; i &lt; 2000; i++) { s += i; }</script></scriptTask>
            """, "start -> again -> work -> again");
        var interpreter = new Interpreter(new InterpreterOptions { MaxDurationPerEvent = TimeSpan.FromMilliseconds(300) });
        var clock = Stopwatch.StartNew();

        var sim = Simulation.Start(model, interpreter: interpreter);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        var incident = Assert.Single(sim.OpenIncidents.Values);
        Assert.Contains("stopped after 0.3 s without reaching a wait state", incident.Message);
    }

    [Fact]
    public void A_condition_asking_for_more_memory_than_the_process_has_becomes_an_incident()
    {
        var model = TestProcess.Parse("""
            <startEvent id="start" />
            <exclusiveGateway id="gw" default="gw_b" />
            <endEvent id="a" />
            <endEvent id="b" />
            """, "start -> gw -> a [${'x'.repeat(2e6).replaceAll('x', 'x'.repeat(1000)) == ''}]; gw -> b");

        var sim = Simulation.Start(model);

        var incident = Assert.Single(sim.OpenIncidents.Values);
        Assert.Equal("gw", incident.ElementId);
        Assert.Contains("used more than 4 MB", incident.Message);
    }

    [Fact]
    public void A_due_date_beyond_the_year_9999_is_an_incident_on_the_task()
    {
        var model = TestProcess.Parse("""
            <startEvent id="start" />
            <userTask id="review" camunda:dueDate="${wait}" />
            """, "start -> review");

        var sim = Simulation.Start(model, new { wait = "P900Y" }, at: new DateTimeOffset(9500, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var incident = Assert.Single(sim.OpenIncidents.Values);
        Assert.Equal("review", incident.ElementId);
        Assert.Contains("reaches beyond the dates a timer can hold", incident.Message);
    }
}
