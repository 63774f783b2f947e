using System.Net;

namespace WorkflowService.Web.Tests.Support;

/// <summary>
/// Two agents of the agents group complete the first task of the same complaint at the same
/// moment, each with their own name as the owner: one step wins (204), the other is refused
/// with 409, and the process moves on exactly once, with the winner's values.
/// </summary>
public static class CompletionRace
{
    public const string FirstTask = "recordComplaint";

    /// <summary>The form values of the first complaint task, naming <paramref name="owner"/>.</summary>
    public static object Complaint(string owner) => new
    {
        variables = new { category = "delay", description = "Late delivery", owner },
    };

    /// <summary>Races <paramref name="first"/> and <paramref name="second"/> on the task and checks the outcome through <paramref name="admin"/>.</summary>
    public static async Task RunAsync(ApiClient first, ApiClient second, ApiClient admin, Guid instanceId, Guid taskId)
    {
        var responses = await Race.RunAsync(
            () => first.PostAsync($"/api/tasks/{taskId}/complete", Complaint(first.UserName)),
            () => second.PostAsync($"/api/tasks/{taskId}/complete", Complaint(second.UserName)));

        Assert.Equal([204, 409], Race.Codes(responses));
        var winner = responses[0].StatusCode == HttpStatusCode.NoContent ? first.UserName : second.UserName;
        var next = Assert.Single(await admin.TasksAsync(instanceId));
        Assert.Equal("verifyFacts", next.GetProperty("elementId").GetString());
        Assert.Equal(winner, next.GetProperty("assignee").GetString());
        var history = await admin.HistoryAsync(instanceId);
        Assert.Single(history, h => h.GetProperty("elementId").GetString() == FirstTask && h.GetProperty("event").GetString() == "left");
        Assert.Single(history, h => h.GetProperty("elementId").GetString() == "verifyFacts" && h.GetProperty("event").GetString() == "entered");
        Assert.Equal(winner, (await admin.InstanceAsync(instanceId)).GetProperty("variables").GetProperty("owner").GetString());
    }
}
