using WorkflowService.Engine.Tests.Support;

namespace WorkflowService.Engine.Tests.Scenarios;

/// <summary>
/// workflows/customer-revisit.bpmn: one revisit (回访) of a long-term or key customer, started ahead of its due date
/// (the service keeps the rhythm: AfterSales' RevisitPlanner); not done by then, it is a breach of revisit-due and
/// stays open until it is done.
/// </summary>
public sealed class CustomerRevisitScenarioTests
{
    private static readonly DateTimeOffset Epoch = Simulation.Epoch;
    private static readonly DateTimeOffset Due = Epoch.AddDays(14);

    private static Simulation Scheduled() => Simulation.Start(ShippedProcesses.CustomerRevisit, new
    {
        customerId = "c-1", customer = "Hengda Printing Co.", category = "key", revisitDue = Due.ToString("O"),
    });

    [Fact]
    public void The_revisit_is_offered_to_the_agents_due_on_its_date_with_a_breach_timer_at_the_same_instant()
    {
        var sim = Scheduled();

        Assert.Equal(Due, sim.AssertOpenFor("revisitCustomer", ["agents"]).DueAt);
        var timer = Assert.Single(sim.PendingTimers.Values);
        Assert.Equal((Due, "revisit-due"), (timer.DueAt, timer.SlaRule));
    }

    [Fact]
    public void A_revisit_done_in_time_ends_the_instance_without_a_breach()
    {
        var sim = Scheduled();
        sim.AdvanceTo(Due.AddSeconds(-1));

        sim.Submit("revisitCustomer", new { notes = "Called the contact person", satisfaction = "4", stillCustomer = true });

        Assert.True(sim.IsCompleted);
        Assert.Empty(sim.Breaches);
        Assert.Equal(4, sim.Variable("satisfaction").GetString() is { } s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : 0);
    }

    [Fact]
    public void A_late_revisit_is_a_breach_of_revisit_due_and_stays_open_until_it_is_done()
    {
        var sim = Scheduled();

        sim.AdvanceTo(Due);

        var breach = Assert.Single(sim.Breaches);
        Assert.Equal(("revisit-due", Due), (breach.Rule, breach.DueAt));
        Assert.True(sim.HasTask("revisitCustomer"));
        sim.AdvanceBy(TimeSpan.FromDays(3));
        sim.Submit("revisitCustomer", new { notes = "Reached at last", satisfaction = "3", stillCustomer = true });
        Assert.True(sim.IsCompleted);
    }

    [Fact]
    public void The_revisit_form_refuses_a_record_without_the_still_a_customer_answer()
    {
        var submission = TaskForms.Validate(ShippedProcesses.CustomerRevisit, "revisitCustomer", new { notes = "No answer" });

        Assert.Equal(("stillCustomer", "required"), Assert.Single(submission.Errors.Select(e => (e.FieldId, e.Code))));
    }
}
