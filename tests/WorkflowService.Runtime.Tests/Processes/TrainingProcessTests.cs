using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Tests.Support;
using static WorkflowService.Runtime.Tests.Support.InstanceAssertions;

namespace WorkflowService.Runtime.Tests.Processes;

/// <summary>
/// The shipped training process (培训) through the runtime's services, started as a work order starts it (the order's
/// facts beside the start form's answer), and its acceptance rule on a fake clock.
/// </summary>
public sealed class TrainingProcessTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private DateTimeOffset NowMs
    {
        get
        {
            var now = service.Clock.GetUtcNow();
            return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
        }
    }

    private async Task<Guid> RequestedAsync(string customer, TimeSpan? receivedAgo = null)
    {
        var facts = RuntimeUser.Variables(new
        {
            orderNumber = $"PX-{customer}", customer, contactPerson = "Wang Fang 王芳", contactPhone = "+86 10 5555 0199", units = 1,
            receivedAt = (service.Clock.GetUtcNow() - (receivedAgo ?? TimeSpan.Zero)).ToString("O"),
        });
        var started = await service.Host.Get<InstanceService>().StartWithAsync("training", service.As("desk").Caller,
            (_, _) => Task.FromResult(new StartInputs($"PX-{customer}", facts, RuntimeUser.Variables(new { trainingRequest = "Operator training" }))),
            (_, _) => Task.CompletedTask);
        return started.Instance.Id;
    }

    private async Task<Guid> AssignedAsync(string customer)
    {
        var id = await RequestedAsync(customer);
        var desk = service.As("desk");
        await desk.CompleteAsync(id, "acceptRequest", new { acceptanceNote = "Confirmed by phone" });
        await desk.CompleteAsync(id, "confirmContentAndTime", new { topic = "X1 maintenance", trainingDate = "2026-12-10", attendees = 8 });
        await desk.CompleteAsync(id, "assignTrainer", new { trainer = "engineer" });
        return id;
    }

    [Fact]
    public async Task A_training_runs_from_acceptance_to_the_trainer_s_summary_and_completes()
    {
        var id = await AssignedAsync("Training Happy Path Ltd");
        var engineer = service.As("engineer");
        await engineer.CompleteAsync(id, "deliverTraining", new { materialsProvided = true, questionsAnswered = true });

        await engineer.FinishAsync(id, "recordSummary", new { summary = "8 operators trained", satisfaction = "5", feedback = "Very clear" });

        Assert.Equal("8 operators trained", (await engineer.InstanceAsync(id)).State.Variables["summary"].GetString());
        Assert.Empty(await service.As("manager").BreachesAsync(id));
    }

    [Fact]
    public async Task The_trainer_s_steps_are_assigned_to_the_named_trainer_and_offered_to_nobody_else()
    {
        var id = await AssignedAsync("Training Named Trainer Ltd");

        var task = Assert.Single(await service.As("engineer").TasksAsync(id));
        Assert.Equal(("deliverTraining", "engineer"), (task.ElementId, task.Assignee));
        Assert.Empty(await service.As("agent").TasksAsync(id));
    }

    [Fact]
    public async Task Open_questions_keep_the_trainer_on_it_before_the_summary()
    {
        var id = await AssignedAsync("Training Open Questions Ltd");
        var engineer = service.As("engineer");

        await engineer.CompleteAsync(id, "deliverTraining", new { materialsProvided = true, questionsAnswered = false, openQuestions = "Calibration?" });

        AssertShape(await engineer.InstanceAsync(id), "Running", ["answerOpenQuestions"]);
        await engineer.CompleteAsync(id, "answerOpenQuestions", new { materialsProvided = true, questionsAnswered = true });
        AssertShape(await engineer.InstanceAsync(id), "Running", ["recordSummary"]);
    }

    [Fact]
    public async Task A_training_request_not_accepted_within_24_hours_of_its_arrival_is_escalated_by_email()
    {
        var id = await RequestedAsync("Training Late Acceptance Co", receivedAgo: TimeSpan.FromHours(22));
        AssertShape(await service.As("desk").InstanceAsync(id), "Running", ["acceptRequest"],
            ("acceptanceTimer", service.Clock.GetUtcNow() + TimeSpan.FromHours(2)));

        await service.AdvanceAsync(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));

        var mail = await service.ExpectEscalationAsync(id, "acceptance-24h", "Training Late Acceptance Co");
        Assert.Contains("Service request from Training Late Acceptance Co not accepted within 24 h", mail.Subject);
        var breach = await service.ExpectBreachAsync(id, "acceptance-24h");
        Assert.Equal((null, "service-desk"), (breach.Responsible, breach.ResponsibleGroup)); // unclaimed: the desk group
        await service.As("desk").CompleteAsync(id, "acceptRequest", new { acceptanceNote = "Late, apologised" });
    }

    [Fact]
    public async Task A_training_request_accepted_within_24_hours_of_its_arrival_records_no_breach()
    {
        var id = await RequestedAsync("Training Accepted In Time Co", receivedAgo: TimeSpan.FromHours(22));
        await service.AdvanceAsync(TimeSpan.FromHours(1));
        await service.As("desk").CompleteAsync(id, "acceptRequest", new { acceptanceNote = "In time" });

        await service.AdvanceAsync(TimeSpan.FromHours(2));

        Assert.Empty(await service.As("manager").BreachesAsync(id));
    }
}
