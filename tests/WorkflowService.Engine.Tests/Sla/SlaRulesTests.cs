using WorkflowService.Engine.Parsing;
using WorkflowService.Engine.Tests.Support;

namespace WorkflowService.Engine.Tests.Sla;

/// <summary>The SLA properties are checked when a process is published, each problem naming its element.</summary>
public class SlaRulesTests
{
    private static string Props(params (string Name, string Value)[] entries) =>
        "<extensionElements><camunda:properties>"
        + string.Concat(entries.Select(e => $"""<camunda:property name="{e.Name}" value="{e.Value}" />"""))
        + "</camunda:properties></extensionElements>";

    private static IReadOnlyList<string> Errors(string elements, string flows, string processProps = "")
    {
        var xml = TestProcess.Xml(elements, flows);
        if (processProps.Length > 0) xml = xml.Replace("isExecutable=\"true\">", "isExecutable=\"true\">" + processProps, StringComparison.Ordinal);
        var result = new BpmnParser().Parse(xml);
        return [.. result.Errors.Select(e => $"{e.ElementId}: {e.Message}")];
    }

    private static string TaskWithTimer(string timerProps, string duration = "PT2H") => $"""
        <startEvent id="start" /><userTask id="work" /><endEvent id="end" />
        <boundaryEvent id="late" attachedToRef="work" cancelActivity="false">
          {timerProps}
          <timerEventDefinition><timeDuration>{duration}</timeDuration></timerEventDefinition>
        </boundaryEvent>
        <endEvent id="noted" />
        """;

    private const string Flows = "start -> work -> end; late -> noted";

    [Fact]
    public void Valid_sla_properties_publish()
    {
        Assert.Empty(Errors(TaskWithTimer(Props(("sla", "r"), ("warnAt", "50%, 75%"), ("calendar", "default")), "P2DT4H"), Flows));
    }

    [Theory]
    [InlineData("50%,50%", "must rise")]
    [InlineData("0%", "from 1% to 99%")]
    [InlineData("100%", "from 1% to 99%")]
    [InlineData("half", "'half' is not a percentage")]
    public void A_bad_warnAt_is_refused_with_what_is_wrong(string warnAt, string expected)
    {
        var error = Assert.Single(Errors(TaskWithTimer(Props(("sla", "r"), ("warnAt", warnAt))), Flows));
        Assert.StartsWith("late:", error);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void WarnAt_without_an_sla_rule_is_refused()
    {
        Assert.Contains("only a timer event with an sla rule", Assert.Single(Errors(TaskWithTimer(Props(("warnAt", "50%"))), Flows)));
    }

    [Theory]
    [InlineData("P1M")]
    [InlineData("P1Y")]
    [InlineData("P2W")]
    public void A_calendar_duration_in_months_years_or_weeks_is_refused(string duration)
    {
        var error = Assert.Single(Errors(TaskWithTimer(Props(("calendar", "default")), duration), Flows));
        Assert.Contains("write working days and hours", error);
    }

    [Fact]
    public void The_process_default_calendar_applies_to_its_timers_unless_they_say_none()
    {
        var processProps = Props(("calendar", "default"));
        Assert.Single(Errors(TaskWithTimer("", "P1M"), Flows, processProps));
        Assert.Empty(Errors(TaskWithTimer(Props(("calendar", "none")), "P1M"), Flows, processProps));
    }

    [Fact]
    public void SlaPause_on_an_element_that_does_not_wait_or_with_a_bad_value_is_refused()
    {
        var errors = Errors($"""
            <startEvent id="start" /><exclusiveGateway id="choose">{Props(("slaPause", "true"))}</exclusiveGateway>
            <userTask id="wait">{Props(("slaPause", "yes"))}</userTask><endEvent id="end" />
            """, "start -> choose -> wait -> end");
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("choose:", StringComparison.Ordinal) && e.Contains("only a user task"));
        Assert.Contains(errors, e => e.StartsWith("wait:", StringComparison.Ordinal) && e.Contains("write true or false"));
    }

    [Fact]
    public void A_calendar_on_an_element_without_a_duration_is_refused()
    {
        var error = Assert.Single(Errors($"""
            <startEvent id="start" /><scriptTask id="calc" scriptFormat="javascript">{Props(("calendar", "default"))}<script>1</script></scriptTask><endEvent id="end" />
            """, "start -> calc -> end"));
        Assert.Contains("only timer events and user tasks", error);
    }
}
