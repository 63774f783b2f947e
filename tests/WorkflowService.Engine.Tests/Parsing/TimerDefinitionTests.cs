using WorkflowService.Engine.Model;
using static WorkflowService.Engine.Tests.Parsing.BpmnFixture;

namespace WorkflowService.Engine.Tests.Parsing;

/// <summary>Timer definitions: exactly one of timeDate, timeDuration, timeCycle; ISO 8601 or an expression; no cron.</summary>
public sealed class TimerDefinitionTests
{
    private static string Catch(string timer) => Linear($"""
            <intermediateCatchEvent id="wait">
              <timerEventDefinition id="def">{timer}</timerEventDefinition>
            </intermediateCatchEvent>
        """, "wait");

    private static TimerDefinition Timer(string timer) =>
        Assert.IsType<TimerTrigger>(Node<IntermediateCatchEventNode>(Catch(timer), "wait").Trigger).Timer;

    [Fact]
    public void Timer_text_is_trimmed()
    {
        Assert.Equal(new TimerDefinition(TimerKind.Duration, "P3D"), Timer("""
            <timeDuration xsi:type="tFormalExpression">
              P3D
            </timeDuration>
            """));
    }

    [Fact]
    public void A_timer_written_as_an_expression_is_kept_as_written()
    {
        Assert.Equal(new TimerDefinition(TimerKind.Duration, "${'P' + Math.ceil(units / 10) + 'D'}"),
            Timer("""<timeDuration>${'P' + Math.ceil(units / 10) + 'D'}</timeDuration>"""));
    }

    [Fact]
    public void A_timer_without_a_time_element_is_refused()
    {
        AssertRefused(Catch(""), "wait", "intermediateCatchEvent", "has a timer without timeDate, timeDuration or timeCycle",
            lineFragment: "id=\"def\"");
    }

    [Fact]
    public void A_timer_with_two_time_elements_is_refused()
    {
        AssertRefused(Catch("<timeDuration>PT1H</timeDuration><timeDate>2030-01-01T00:00:00Z</timeDate>"),
            "wait", "intermediateCatchEvent", "more than one of timeDate, timeDuration and timeCycle", lineFragment: "id=\"def\"");
    }

    [Fact]
    public void An_empty_time_element_is_refused()
    {
        AssertRefused(Catch("<timeDuration>  </timeDuration>"), "wait", "intermediateCatchEvent", "has an empty timeDuration",
            lineFragment: "<timeDuration>");
    }

    [Fact]
    public void A_cron_time_cycle_is_refused_naming_the_ISO_form()
    {
        var xml = Catch("<timeCycle>0 0/5 * * * ?</timeCycle>");

        AssertRefused(xml, "wait", "intermediateCatchEvent", "cron is not supported: use an ISO 8601 repeating interval such as R/PT1H",
            lineFragment: "<timeCycle>");
    }

    [Fact]
    public void An_ISO_repeating_interval_is_accepted()
    {
        Assert.Equal(new TimerDefinition(TimerKind.Cycle, "R3/PT10M"), Timer("<timeCycle>R3/PT10M</timeCycle>"));
    }
}
