using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.PostgreSql;

/// <summary>The duty roster on PostgreSQL (its own AfterSales migration): saved on one node, read on the other, revisions shared.</summary>
public sealed class RosterOnPostgreSqlTests(PostgreSqlNodes nodes) : IClassFixture<PostgreSqlNodes>
{
    [SkippableFact]
    public async Task A_roster_saved_on_one_node_is_read_on_the_other_and_a_stale_save_there_is_refused()
    {
        var (a, b) = await nodes.StartTwoNodesAsync();
        var onA = await a.LoginAsync("manager");
        var onB = await b.LoginAsync("admin");
        var revision = (await onA.GetJsonAsync("/api/hotline/roster")).GetProperty("revision").GetInt32();
        var shift = new { day = "saturday", start = "09:00", end = "12:00", agents = new[] { "agent" } };
        var change = new { date = "2026-10-08", start = "08:30", end = "17:30", agents = Array.Empty<string>() };

        var saved = await onA.Http.PutAsJsonAsync("/api/hotline/roster",
            new { weekly = new[] { shift }, changes = new[] { change }, forwardingMobile = "13800138000", revision });
        await ApiClient.Expect(saved, HttpStatusCode.OK);

        var read = await onB.GetJsonAsync("/api/hotline/roster");
        Assert.Equal(revision + 1, read.GetProperty("revision").GetInt32());
        Assert.Equal("saturday", read.GetProperty("weekly")[0].GetProperty("day").GetString());
        Assert.Equal(("2026-10-08", 0), (read.GetProperty("changes")[0].GetProperty("date").GetString(),
            read.GetProperty("changes")[0].GetProperty("agents").GetArrayLength()));
        Assert.Equal("manager", read.GetProperty("updatedBy").GetString());
        var stale = await onB.Http.PutAsJsonAsync("/api/hotline/roster", new { weekly = Array.Empty<object>(), revision });
        await ApiClient.ExpectProblemAsync(stale, HttpStatusCode.Conflict);
        Assert.Equal(JsonValueKind.String, (await onA.GetJsonAsync("/api/hotline/roster")).GetProperty("forwardingMobile").ValueKind);
    }
}
