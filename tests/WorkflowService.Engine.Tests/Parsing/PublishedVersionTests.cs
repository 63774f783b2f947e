using WorkflowService.Engine.Model;
using WorkflowService.Engine.Parsing;
using static WorkflowService.Engine.Tests.Parsing.BpmnFixture;

namespace WorkflowService.Engine.Tests.Parsing;

/// <summary>
/// Rules of publication added after a version was published do not stop that version: read
/// again as a published version (after an upgrade, on another node), it parses with warnings
/// where a new version is refused, and its running instances keep going.
/// </summary>
public sealed class PublishedVersionTests
{
    private static readonly string SubSecondCycle = Process("""
        <startEvent id="s" />
        <userTask id="work" />
        <boundaryEvent id="nudge" cancelActivity="false" attachedToRef="work">
          <timerEventDefinition><timeCycle>R/PT0.5S</timeCycle></timerEventDefinition>
        </boundaryEvent>
        <endEvent id="e" />
        <endEvent id="nudged" />
        <sequenceFlow id="f1" sourceRef="s" targetRef="work" />
        <sequenceFlow id="f2" sourceRef="work" targetRef="e" />
        <sequenceFlow id="f3" sourceRef="nudge" targetRef="nudged" />
        """);

    private static readonly string StarterExpression = ProcessStarterTests.WithStarters("""camunda:candidateStarterGroups="${starters}" """);

    [Fact]
    public void A_cycle_under_a_second_is_refused_for_a_new_version_and_a_warning_for_a_published_one()
    {
        AssertRefused(SubSecondCycle, "nudge", "boundaryEvent", "a cycle must wait at least one second between firings", "<timeCycle");

        var published = new BpmnParser().ParsePublished(SubSecondCycle);

        Assert.True(published.Success);
        AssertWarning(published, "nudge", "a cycle must wait at least one second between firings");
    }

    [Fact]
    public void A_starter_expression_published_before_starter_lists_counted_leaves_the_process_open_to_all()
    {
        Assert.False(new BpmnParser().Parse(StarterExpression).Success);

        var published = new BpmnParser().ParsePublished(StarterExpression);

        Assert.True(published.Success);
        Assert.Equal(ProcessStarters.Anyone, Assert.Single(published.Processes).Starters);
    }
}
