using System.Net;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.PostgreSql;

/// <summary>
/// The inbox's "due today" filter ends the day at midnight in the user's time zone, an instant
/// with that zone's offset. Npgsql writes only UTC instants to <c>timestamptz</c>: the filter must
/// reach the database as UTC, for a user in Shanghai as for one in London.
/// </summary>
public sealed class DueTodayInAnotherTimeZoneTests(PostgreSqlNodes nodes) : IClassFixture<PostgreSqlNodes>
{
    [SkippableFact]
    public async Task The_inbox_lists_the_tasks_due_today_for_a_user_in_Shanghai()
    {
        var node = await nodes.StartNodeAsync();
        await CallbackProcess.DeployAsync(node);
        var now = DateTimeOffset.UtcNow;
        await CallbackProcess.StartAsync(node, "overdue-in-shanghai", now.AddHours(-1));
        await CallbackProcess.StartAsync(node, "due-in-three-days", now.AddDays(3));
        var agent = await PageSession.SignInAsync(node, "agent");

        var response = await agent.GetAsync("/inbox?dueToday=true&tz=Asia/Shanghai");

        await ApiClient.Expect(response, HttpStatusCode.OK);
        Assert.Contains("data-business-key=\"overdue-in-shanghai\"", agent.Html);
        Assert.DoesNotContain("data-business-key=\"due-in-three-days\"", agent.Html);
    }
}
