using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Tests.Support;

namespace WorkflowService.Engine.Tests.Scenarios;

/// <summary>workflows/training.bpmn: 培训, from the request to the recorded summary and feedback.</summary>
public sealed class TrainingScenarioTests
{
    private const string Customer = "Xinghe Hospital";
    private const string Trainer = "chen.jing";
    private static readonly DateTimeOffset Epoch = Simulation.Epoch;

    private static Simulation Registered()
    {
        var sim = Simulation.Start(ShippedProcesses.Training);
        sim.Submit("registerRequest", new
        {
            customer = Customer, contactPerson = "Dr. Sun", contactPhone = "0571-8600-1200",
            trainingRequest = "Operator training for the new analyser",
        });
        return sim;
    }

    private static void Accept(Simulation sim) => sim.Submit("acceptRequest", new { customerInformed = true });

    private static void ConfirmAndAssign(Simulation sim)
    {
        sim.Submit("confirmContentAndTime", new { topic = "Daily operation and cleaning", trainingDate = "2026-03-16", attendees = 8 });
        sim.Submit("assignTrainer", new { trainer = Trainer });
    }

    private static void DeliverAndSummarise(Simulation sim)
    {
        sim.Submit("deliverTraining", new { materialsProvided = true, questionsAnswered = true }, by: Trainer);
        sim.Submit("recordSummary", new { summary = "8 operators trained", satisfaction = "4", feedback = "Wants a refresher in June" });
    }

    [Fact]
    public void A_training_goes_from_the_request_to_the_recorded_summary_delivered_by_the_assigned_trainer()
    {
        var sim = Simulation.Start(ShippedProcesses.Training);
        sim.AssertOpenFor("registerRequest", ["service-desk"]);
        sim.Submit("registerRequest", new { customer = Customer, contactPhone = "0571-8600-1200" });
        Assert.Equal(Epoch.AddHours(24), sim.AssertOpenFor("acceptRequest", ["service-desk"]).DueAt);
        Accept(sim);
        sim.AssertOpenFor("confirmContentAndTime", ["service-desk"]);
        sim.Submit("confirmContentAndTime", new { topic = "Daily operation and cleaning", trainingDate = "2026-03-16", attendees = 8 });
        sim.AssertOpenFor("assignTrainer", ["service-desk"]);
        sim.Submit("assignTrainer", new { trainer = Trainer });
        sim.AssertOpenFor("deliverTraining", ["engineers"], assignee: Trainer);
        sim.Submit("deliverTraining", new { materialsProvided = true }, by: Trainer);
        sim.AssertOpenFor("recordSummary", ["agents"]);
        sim.Submit("recordSummary", new { summary = "8 operators trained", satisfaction = "4" });

        Assert.True(sim.IsCompleted);
        Assert.Equal(
            [
                "trainingRequested", "registerRequest", "acceptRequest", "confirmContentAndTime", "assignTrainer",
                "deliverTraining", "recordSummary", "trainingCompleted",
            ],
            sim.Path);
        Assert.Equal("2026-03-16", sim.Variable("trainingDate").GetString());
        Assert.Empty(sim.Breaches);
        Assert.Empty(sim.PendingTimers);
    }

    [Fact]
    public void Acceptance_later_than_24_hours_is_a_breach_escalated_to_the_managers_and_the_training_goes_on()
    {
        var sim = Registered();

        sim.AdvanceBy(TimeSpan.FromHours(26));

        sim.AssertSingleBreach("acceptance-24h", "acceptanceTimer", Epoch.AddHours(24));
        Assert.Equal($"Service request from {Customer} not accepted within 24 h",
            sim.AssertEscalationEmail("acceptanceEscalationEmail", "acceptance-24h"));
        Assert.True(sim.HasTask("acceptRequest"));
        sim.CompleteExternalTask("acceptanceEscalationEmail");

        Accept(sim);
        ConfirmAndAssign(sim);
        DeliverAndSummarise(sim);
        Assert.True(sim.IsCompleted);
        Assert.Contains("acceptanceEscalated", sim.Path);
    }

    [Fact]
    public void Acceptance_within_24_hours_cancels_the_timer_and_records_no_breach()
    {
        var sim = Registered();
        sim.AdvanceBy(TimeSpan.FromHours(23.5));
        Accept(sim);

        Assert.Contains(sim.Commands, c => c is CancelTimer { ElementId: "acceptanceTimer" });
        sim.AdvanceBy(TimeSpan.FromDays(10));
        ConfirmAndAssign(sim);
        DeliverAndSummarise(sim);
        Assert.True(sim.IsCompleted);
        Assert.Empty(sim.Breaches);
    }

    [Fact]
    public void The_forms_refuse_a_training_without_a_date_a_trainer_or_a_satisfaction_score()
    {
        var noDate = TaskForms.Validate(ShippedProcesses.Training, "confirmContentAndTime", new { topic = "Operation", attendees = 8 });
        var notADate = TaskForms.Validate(ShippedProcesses.Training, "confirmContentAndTime", new { topic = "Operation", trainingDate = "next Monday" });
        var noTrainer = TaskForms.Validate(ShippedProcesses.Training, "assignTrainer", new { });
        var noScore = TaskForms.Validate(ShippedProcesses.Training, "recordSummary", new { summary = "Done" });

        Assert.Equal(("trainingDate", "required"), Assert.Single(noDate.Errors.Select(e => (e.FieldId, e.Code))));
        Assert.Equal(("trainingDate", "type"), Assert.Single(notADate.Errors.Select(e => (e.FieldId, e.Code))));
        Assert.Equal(("trainer", "required"), Assert.Single(noTrainer.Errors.Select(e => (e.FieldId, e.Code))));
        Assert.Equal(("satisfaction", "required"), Assert.Single(noScore.Errors.Select(e => (e.FieldId, e.Code))));
    }
}
