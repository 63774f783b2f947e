using WorkflowService.Engine.Tests.Support;

namespace WorkflowService.Engine.Tests.Scenarios;

/// <summary>workflows/customer-revisit.bpmn: 回访, every six months for important customers, yearly for the others.</summary>
public sealed class CustomerRevisitScenarioTests
{
    private static readonly DateTimeOffset Epoch = Simulation.Epoch;

    private static Simulation Registered(string importance) =>
        Simulation.Start(ShippedProcesses.CustomerRevisit, new { customer = "Hengda Printing Co.", importance });

    private static DateTimeOffset NextRevisitDue(Simulation sim) =>
        Assert.Single(sim.PendingTimers.Values, t => t.ElementId == "revisitDueTimer").DueAt;

    private static void Revisit(Simulation sim, bool stillCustomer) =>
        sim.Submit("revisitCustomer", new { notes = "Called the contact person", satisfaction = "4", stillCustomer });

    [Theory]
    [InlineData("important", 6)]
    [InlineData("long-term", 12)]
    [InlineData("regular", 12)]
    [InlineData("", 12)]
    public void The_first_revisit_falls_due_after_six_months_for_important_customers_and_a_year_otherwise(string importance, int months)
    {
        var sim = Registered(importance);

        Assert.Equal(Epoch.AddMonths(months), NextRevisitDue(sim));
        Assert.Empty(sim.OpenTasks);
        Assert.Null(Assert.Single(sim.PendingTimers.Values).SlaRule);
    }

    [Fact]
    public void An_important_customer_is_revisited_every_six_months_until_they_are_no_longer_a_customer()
    {
        var sim = Registered("important");

        sim.AdvanceTo(Epoch.AddMonths(6).AddSeconds(-1));
        Assert.Empty(sim.OpenTasks);
        sim.AdvanceTo(Epoch.AddMonths(6));
        Assert.Equal(Epoch.AddMonths(6).AddDays(7), sim.AssertOpenFor("revisitCustomer", ["agents"]).DueAt);

        sim.AdvanceBy(TimeSpan.FromDays(2));
        Revisit(sim, stillCustomer: true);
        var secondRevisitDue = Epoch.AddMonths(6).AddDays(2).AddMonths(6);
        Assert.Equal(secondRevisitDue, NextRevisitDue(sim));

        sim.AdvanceTo(secondRevisitDue);
        Revisit(sim, stillCustomer: true);
        sim.AdvanceTo(NextRevisitDue(sim));
        Revisit(sim, stillCustomer: false);

        Assert.True(sim.IsCompleted);
        Assert.Equal(3, sim.Commands.OfType<Engine.Execution.CreateUserTask>().Count());
        Assert.Equal(
            [
                "revisitScheduled", "revisitLoopMerge", "revisitDueTimer", "revisitCustomer", "stillCustomerGateway",
                "revisitLoopMerge", "revisitDueTimer", "revisitCustomer", "stillCustomerGateway",
                "revisitLoopMerge", "revisitDueTimer", "revisitCustomer", "stillCustomerGateway", "customerArchived",
            ],
            sim.Path);
        Assert.Empty(sim.PendingTimers);
    }

    [Fact]
    public void A_long_term_customer_is_revisited_yearly_and_archived_when_they_leave()
    {
        var sim = Registered("long-term");

        sim.AdvanceTo(Epoch.AddYears(1));
        Revisit(sim, stillCustomer: true);
        Assert.Equal(Epoch.AddYears(2), NextRevisitDue(sim));
        sim.AdvanceTo(Epoch.AddYears(2));
        Revisit(sim, stillCustomer: false);

        Assert.True(sim.IsCompleted);
        Assert.Equal("customerArchived", sim.Path.Last());
        Assert.Empty(sim.Breaches);
    }

    [Fact]
    public void The_revisit_form_refuses_a_record_without_the_still_a_customer_answer()
    {
        var submission = TaskForms.Validate(ShippedProcesses.CustomerRevisit, "revisitCustomer", new { notes = "No answer" });

        Assert.Equal(("stillCustomer", "required"), Assert.Single(submission.Errors.Select(e => (e.FieldId, e.Code))));
    }
}
