using System.Net;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Api;

/// <summary>
/// Two agents of the same group complete the same task at the same moment: one step wins (204),
/// the other is refused with 409, and the process moves on exactly once. Raced ten times, each on
/// a fresh instance, so a lost update would show.
/// </summary>
public sealed class ConcurrentCompletionTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private const int Rounds = 10;

    [Fact]
    public async Task Of_two_simultaneous_completions_exactly_one_succeeds_and_the_instance_moves_on_once()
    {
        var agent = await service.As("agent");
        var agent2 = await service.As("agent2");
        var admin = await service.As("admin");
        for (var round = 0; round < Rounds; round++)
        {
            var (id, taskId) = await service.ComplaintToRecordAsync($"race-complete-{round}");
            await CompletionRace.RunAsync(agent, agent2, admin, id, taskId);
        }
    }

    [Fact]
    public async Task Completing_a_task_someone_else_has_just_completed_is_a_409_that_says_so()
    {
        var agent = await service.As("agent");
        var agent2 = await service.As("agent2");
        var (_, taskId) = await service.ComplaintToRecordAsync("race-complete-late");
        await ApiClient.Expect(await agent.PostAsync($"/api/tasks/{taskId}/complete", CompletionRace.Complaint("agent")),
            HttpStatusCode.NoContent);

        var late = await agent2.PostAsync($"/api/tasks/{taskId}/complete", CompletionRace.Complaint("agent2"));

        await ApiClient.Expect(late, HttpStatusCode.Conflict);
        Assert.Contains("completed", await late.Content.ReadAsStringAsync());
    }
}
