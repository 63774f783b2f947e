using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Tests.Support;

namespace WorkflowService.Engine.Tests.Scenarios;

/// <summary>workflows/training.bpmn: 培训, from the order to the summary and the customer's feedback.</summary>
public sealed class TrainingScenarioTests
{
    private const string Customer = "Nanjing Medical Supplies";
    private const string Trainer = "chen.jie";
    private static readonly DateTimeOffset Epoch = Simulation.Epoch;

    private static Simulation Requested(int receivedHoursAgo = 0) =>
        Simulation.Start(ShippedProcesses.Training, new
        {
            orderNumber = "PX-20260302-001", customer = Customer, contactPhone = "025-5555-0199", model = "X1-Pro", units = 3,
            receivedAt = Epoch.AddHours(-receivedHoursAgo).ToString("O"), trainingRequest = "Daily maintenance for 8 operators",
        });

    private static void AcceptedAndAssigned(Simulation sim)
    {
        sim.Submit("acceptRequest", new { acceptanceNote = "Training on the 10th" });
        sim.Submit("confirmContentAndTime", new { topic = "X1 maintenance", trainingDate = "2026-03-10", attendees = 8 });
        sim.Submit("assignTrainer", new { trainer = Trainer });
    }

    private static void Summary(Simulation sim) =>
        sim.Submit("recordSummary", new { summary = "8 operators trained", satisfaction = "5", feedback = "Clear" }, by: Trainer);

    [Fact]
    public void A_training_goes_from_acceptance_to_the_summary_with_the_named_trainer_alone()
    {
        var sim = Requested();
        Assert.Equal(Epoch.AddHours(24), sim.AssertOpenFor("acceptRequest", ["service-desk"]).DueAt);
        sim.Submit("acceptRequest", new { acceptanceNote = "Training on the 10th" });
        sim.AssertOpenFor("confirmContentAndTime", ["service-desk"]);
        sim.Submit("confirmContentAndTime", new { topic = "X1 maintenance", trainingDate = "2026-03-10", attendees = 8 });
        sim.AssertOpenFor("assignTrainer", ["service-desk"]);
        sim.Submit("assignTrainer", new { trainer = Trainer });
        sim.AssertOpenFor("deliverTraining", [], assignee: Trainer);
        sim.Submit("deliverTraining", new { materialsProvided = true, questionsAnswered = true }, by: Trainer);
        sim.AssertOpenFor("recordSummary", [], assignee: Trainer);
        Summary(sim);

        Assert.True(sim.IsCompleted);
        Assert.Equal(
            [
                "trainingRequested", "acceptRequest", "confirmContentAndTime", "assignTrainer", "deliverTraining", "deliveredGateway",
                "recordSummary", "trainingCompleted",
            ],
            sim.Path);
        Assert.Empty(sim.Breaches);
        Assert.Empty(sim.PendingTimers);
    }

    [Fact]
    public void Open_questions_or_missing_materials_keep_the_trainer_on_it_before_the_summary()
    {
        var sim = Requested();
        AcceptedAndAssigned(sim);
        sim.Submit("deliverTraining", new { materialsProvided = true, questionsAnswered = false, openQuestions = "Calibration interval?" }, by: Trainer);

        sim.AssertOpenFor("answerOpenQuestions", [], assignee: Trainer);
        Assert.False(sim.HasTask("recordSummary"));
        sim.Submit("answerOpenQuestions", new { materialsProvided = false, questionsAnswered = true }, by: Trainer);
        sim.AssertOpenFor("answerOpenQuestions", [], assignee: Trainer);
        sim.Submit("answerOpenQuestions", new { materialsProvided = true, questionsAnswered = true }, by: Trainer);
        Summary(sim);

        Assert.True(sim.IsCompleted);
        Assert.Equal(2, sim.Path.Count(e => e == "answerOpenQuestions"));
    }

    [Fact]
    public void The_acceptance_clock_starts_when_the_request_reached_the_centre_and_a_late_acceptance_is_escalated()
    {
        var sim = Requested(receivedHoursAgo: 23);

        sim.AdvanceBy(TimeSpan.FromHours(2));

        sim.AssertSingleBreach("acceptance-24h", "acceptanceTimer", Epoch.AddHours(1));
        Assert.Equal($"客户 {Customer} 的服务请求 24 小时内未受理 / Service request from {Customer} not accepted within 24 h",
            sim.AssertEscalationEmail("acceptanceEscalationEmail", "acceptance-24h"));
        Assert.True(sim.HasTask("acceptRequest"));
        sim.CompleteExternalTask("acceptanceEscalationEmail");
        AcceptedAndAssigned(sim);
        sim.Submit("deliverTraining", new { materialsProvided = true, questionsAnswered = true }, by: Trainer);
        Summary(sim);
        Assert.True(sim.IsCompleted);
        Assert.Contains("acceptanceEscalated", sim.Path);
    }

    [Fact]
    public void A_request_accepted_within_24_hours_of_its_arrival_records_no_breach()
    {
        var sim = Requested(receivedHoursAgo: 23);
        sim.AdvanceBy(TimeSpan.FromMinutes(50));
        AcceptedAndAssigned(sim);
        sim.AdvanceBy(TimeSpan.FromDays(3));

        Assert.Empty(sim.Breaches);
        Assert.Equal(["acceptanceTimer"], sim.Commands.OfType<CancelTimer>().Select(t => t.ElementId));
    }

    [Fact]
    public void The_forms_refuse_a_training_without_a_trainer_a_date_or_attendees()
    {
        var confirm = TaskForms.Validate(ShippedProcesses.Training, "confirmContentAndTime", new { topic = "X1", attendees = 0 });
        var assign = TaskForms.Validate(ShippedProcesses.Training, "assignTrainer", new { });

        Assert.Equal([("trainingDate", "required"), ("attendees", "min")], confirm.Errors.Select(e => (e.FieldId, e.Code)));
        Assert.Equal(("trainer", "required"), Assert.Single(assign.Errors.Select(e => (e.FieldId, e.Code))));
    }
}
