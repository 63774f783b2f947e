using WorkflowService.Runtime.Tests.Support;
using static WorkflowService.Runtime.Tests.Support.InstanceAssertions;

namespace WorkflowService.Runtime.Tests.Processes;

/// <summary>The shipped training process (培训) through the runtime's services, and its acceptance rule on a fake clock.</summary>
public sealed class TrainingProcessTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private async Task<Guid> RegisteredAsync(string customer)
    {
        var desk = service.As("desk");
        var id = await desk.StartAsync("training", businessKey: $"T-{customer}");
        await desk.CompleteAsync(id, "registerRequest", new
        {
            customer, contactPerson = "Wang Fang 王芳", contactPhone = "+86 10 5555 0199", trainingRequest = "Operator training",
        });
        return id;
    }

    [Fact]
    public async Task A_training_request_runs_from_registration_to_the_recorded_summary_and_completes()
    {
        var desk = service.As("desk");
        var id = await RegisteredAsync("Training Happy Path Ltd");
        AssertShape(await desk.InstanceAsync(id), "Running", ["acceptRequest"],
            ("acceptanceTimer", service.Clock.GetUtcNow() + TimeSpan.FromHours(24)));

        await desk.CompleteAsync(id, "acceptRequest", new { customerInformed = true, acceptanceNote = "Confirmed by phone" });
        AssertShape(await desk.InstanceAsync(id), "Running", ["confirmContentAndTime"]);
        await desk.CompleteAsync(id, "confirmContentAndTime", new { topic = "X1 maintenance", trainingDate = "2026-12-10", attendees = 8 });
        await desk.CompleteAsync(id, "assignTrainer", new { trainer = "engineer" });

        var engineer = service.As("engineer");
        var delivery = Assert.Single(await engineer.TasksAsync(id));
        Assert.Equal("engineer", delivery.Assignee);
        await engineer.CompleteAsync(id, "deliverTraining", new { materialsProvided = true, questionsAnswered = true });
        await service.As("agent").CompleteAsync(id, "recordSummary",
            new { summary = "Eight operators trained", satisfaction = "4", feedback = "Useful" });

        var done = await desk.InstanceAsync(id);
        AssertShape(done, "Completed", []);
        Assert.Equal("2026-12-10", done.State.Variables["trainingDate"].GetString());
    }

    [Fact]
    public async Task A_training_request_not_accepted_within_24_hours_is_escalated_by_email()
    {
        var id = await RegisteredAsync("Training Late Acceptance Co");

        await service.AdvanceAsync(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));

        var mail = await service.ExpectEscalationAsync(id, "acceptance-24h", "Training Late Acceptance Co");
        Assert.StartsWith("Service request from Training Late Acceptance Co not accepted within 24 h", mail.Subject);
        AssertShape(await service.As("desk").InstanceAsync(id), "Running", ["acceptRequest"]);
    }
}
