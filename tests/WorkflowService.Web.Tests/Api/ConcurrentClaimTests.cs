using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Api;

/// <summary>
/// Two agents claim the same group task at the same moment: one gets it (200), the other a 409
/// naming who has it, and from then on only the winner sees the task. Raced ten times on fresh tasks.
/// </summary>
public sealed class ConcurrentClaimTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private const int Rounds = 10;

    [Fact]
    public async Task Of_two_simultaneous_claims_exactly_one_succeeds_and_the_task_is_the_winners()
    {
        ApiClient[] claimants = [await service.As("agent"), await service.As("agent2")];
        for (var round = 0; round < Rounds; round++)
        {
            var (_, taskId) = await service.ComplaintToRecordAsync($"race-claim-{round}");

            var responses = await Race.RunAsync([.. claimants.Select(c => Claim(c, taskId))]);

            Assert.Equal([200, 409], Race.Codes(responses));
            var won = Array.FindIndex(responses, r => r.StatusCode == HttpStatusCode.OK);
            var (winner, loser) = (claimants[won], claimants[1 - won]);
            var claimed = await responses[won].Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(winner.UserName, claimed.GetProperty("assignee").GetString());
            Assert.Contains($"claimed by {winner.UserName}", await responses[1 - won].Content.ReadAsStringAsync());
            var task = await winner.GetJsonAsync($"/api/tasks/{taskId}");
            Assert.Equal(winner.UserName, task.GetProperty("task").GetProperty("assignee").GetString());
            await ApiClient.Expect(await loser.GetAsync($"/api/tasks/{taskId}"), HttpStatusCode.NotFound);
        }
    }

    private static Func<Task<HttpResponseMessage>> Claim(ApiClient client, Guid taskId) =>
        () => client.PostAsync($"/api/tasks/{taskId}/claim");
}
