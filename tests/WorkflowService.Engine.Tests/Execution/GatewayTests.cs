using WorkflowService.Engine.Tests.Support;

namespace WorkflowService.Engine.Tests.Execution;

public class ExclusiveGatewayTests
{
    private static readonly Engine.Model.ProcessModel Routing = TestProcess.Parse("""
        <startEvent id="start" />
        <exclusiveGateway id="size" default="size_small" />
        <userTask id="big" /><userTask id="medium" /><userTask id="small" />
        """, "start -> size; size -> big [${units > 20}]; size -> medium [${units gt 10 and units le 20}]; size -> small");

    [Theory]
    [InlineData(25, "big")]
    [InlineData(15, "medium")]
    [InlineData(3, "small")]
    public void The_first_flow_whose_condition_holds_is_taken_else_the_default(int units, string expected)
    {
        var sim = Simulation.Start(Routing, new { units });

        Assert.Equal(expected, Assert.Single(sim.OpenTasks.Values).ElementId);
    }

    [Fact]
    public void No_matching_condition_and_no_default_is_an_incident_naming_the_gateway()
    {
        var model = TestProcess.Parse("""
            <startEvent id="start" /><exclusiveGateway id="checkWarranty" /><userTask id="a" /><userTask id="b" />
            """, "start -> checkWarranty; checkWarranty -> a [${inWarranty}]; checkWarranty -> b [${!inWarranty && units > 1}]");

        var sim = Simulation.Start(model, new { inWarranty = false, units = 1 });

        var incident = Assert.Single(sim.OpenIncidents.Values);
        Assert.Equal("checkWarranty", incident.ElementId);
        Assert.Contains("exclusiveGateway 'checkWarranty'", incident.Message);
        Assert.Contains("no default flow", incident.Message);
        Assert.Empty(sim.OpenTasks);
    }

    [Fact]
    public void A_condition_reading_a_missing_variable_is_an_incident_that_names_the_variable()
    {
        var sim = Simulation.Start(Routing);

        var incident = Assert.Single(sim.OpenIncidents.Values);
        Assert.Equal("size", incident.ElementId);
        Assert.Contains("units", incident.Message);
    }
}

public class ParallelGatewayTests
{
    private static readonly Engine.Model.ProcessModel ForkJoin = TestProcess.Parse("""
        <startEvent id="start" /><parallelGateway id="fork" /><userTask id="a" /><userTask id="b" />
        <parallelGateway id="join" /><userTask id="after" />
        """, "start -> fork -> a -> join; fork -> b -> join; join -> after");

    [Fact]
    public void A_fork_starts_every_outgoing_path()
    {
        var sim = Simulation.Start(ForkJoin);

        Assert.True(sim.HasTask("a"));
        Assert.True(sim.HasTask("b"));
    }

    [Fact]
    public void A_join_waits_for_a_token_on_every_incoming_flow()
    {
        var sim = Simulation.Start(ForkJoin);

        sim.CompleteTask("a");
        Assert.False(sim.HasTask("after"));
        Assert.Contains(sim.State.Tokens, t => t.ElementId == "join");

        sim.CompleteTask("b");
        Assert.True(sim.HasTask("after"));
        Assert.DoesNotContain(sim.State.Tokens, t => t.ElementId == "join");
    }

    [Fact]
    public void Two_tokens_on_the_same_flow_do_not_fire_the_join()
    {
        var model = TestProcess.Parse("""
            <startEvent id="start" /><parallelGateway id="fork" /><task id="a1" /><task id="a2" />
            <exclusiveGateway id="merge" /><userTask id="b" /><parallelGateway id="join" /><userTask id="after" />
            """, "start -> fork -> a1 -> merge; fork -> a2 -> merge; fork -> b -> join; merge -> join; join -> after");

        var sim = Simulation.Start(model);

        Assert.False(sim.HasTask("after"));
        Assert.Equal(2, sim.State.Tokens.Count(t => t.ElementId == "join"));
        sim.CompleteTask("b");
        Assert.True(sim.HasTask("after"));
        Assert.Single(sim.State.Tokens, t => t.ElementId == "join");
    }
}

public class EventBasedGatewayTests
{
    private static readonly Engine.Model.ProcessModel Race = TestProcess.Parse("""
        <startEvent id="start" /><eventBasedGateway id="race" />
        <intermediateCatchEvent id="reply"><messageEventDefinition messageRef="replyMsg" /></intermediateCatchEvent>
        <intermediateCatchEvent id="timeout"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></intermediateCatchEvent>
        <userTask id="handleReply" /><userTask id="chase" />
        """, "start -> race -> reply -> handleReply; race -> timeout -> chase",
        definitions: """<message id="replyMsg" name="customer-reply" />""");

    [Fact]
    public void The_message_wins_and_the_timer_is_cancelled()
    {
        var sim = Simulation.Start(Race);
        Assert.Single(sim.PendingTimers);

        sim.SendMessage("customer-reply", new { answer = "yes" });

        Assert.True(sim.HasTask("handleReply"));
        Assert.Empty(sim.PendingTimers);
        Assert.Empty(sim.MessageWaits);
        Assert.Equal("yes", sim.Variable("answer").GetString());
    }

    [Fact]
    public void The_timer_wins_and_the_message_wait_is_cancelled()
    {
        var sim = Simulation.Start(Race);

        sim.AdvanceBy(TimeSpan.FromHours(1));

        Assert.True(sim.HasTask("chase"));
        Assert.Empty(sim.MessageWaits);
        Assert.Equal(["start", "race", "timeout"], sim.Path);
    }
}
