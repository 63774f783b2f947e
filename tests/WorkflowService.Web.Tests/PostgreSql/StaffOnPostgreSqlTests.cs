using System.Net;
using System.Net.Http.Json;
using WorkflowService.Web.Tests.Staff;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.PostgreSql;

/// <summary>
/// Staff administration on two nodes of one PostgreSQL database: a person added on one node works on the other,
/// and disabling them on one node stops the token they got from the other at its next call.
/// </summary>
public sealed class StaffOnPostgreSqlTests(PostgreSqlNodes nodes) : IClassFixture<PostgreSqlNodes>
{
    [SkippableFact]
    public async Task A_person_disabled_on_one_node_loses_the_token_issued_by_the_other_and_their_claim_goes_back_to_the_group()
    {
        var (a, b) = await nodes.StartTwoNodesAsync();
        var admin = await a.LoginAsync("admin");
        var name = StaffApi.NewName("pg");
        await StaffApi.AddAsync(admin, name, "engineer", ["engineers"]);
        await ApiClient.Expect(await admin.Http.PutAsJsonAsync($"/api/users/{name}", new
        {
            displayName = "钱伟", roles = new[] { "engineer", "warehouse" }, groups = new[] { "engineers", "warehouse" },
        }), HttpStatusCode.OK);
        var owner = await a.LoginAsync("owner");
        await owner.DeployAsync(TestBpmn.Process("pg-staff", $"""
            <bpmn:startEvent id="start" />
            <bpmn:userTask id="repair" camunda:candidateGroups="engineers" />
            {TestBpmn.Flows("start", "repair")}
            """));
        var instance = await owner.StartAsync("pg-staff");
        var person = await StaffApi.SignInAsync(b, name);
        var taskId = await person.TaskIdAsync(instance, "repair");
        await ApiClient.Expect(await person.PostAsync($"/api/tasks/{taskId}/claim"), HttpStatusCode.OK);

        var outcome = await admin.PostJsonAsync($"/api/users/{name}/disable", null, HttpStatusCode.OK);

        Assert.Equal(taskId, Assert.Single(outcome.GetProperty("released").EnumerateArray()).GetProperty("id").GetGuid());
        // Node b checked this token a moment ago and keeps the answer for AccessCache:Lifetime (2 s): it learns of a change
        // made on node a within that time (on node a itself, at once: Staff/AccessCacheTests).
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((await person.GetAsync("/api/tasks")).StatusCode == HttpStatusCode.OK)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2) + TimeSpan.FromSeconds(3), $"node b still admitted them {clock.Elapsed} after");
            await Task.Delay(50);
        }
        await ApiClient.Expect(await person.GetAsync("/api/tasks"), HttpStatusCode.Unauthorized);
        Assert.Single(await (await b.LoginAsync("engineer")).TasksAsync(instance));
        var log = (await (await b.LoginAsync("admin")).GetJsonAsync($"/api/audit?target={name}")).EnumerateArray()
            .Select(e => e.GetProperty("action").GetString()!).ToArray();
        Assert.Equal(["user.disabled", "user.updated", "user.created"], log);
    }
}
