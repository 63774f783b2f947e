using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowService.Runtime.Calendars;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.PostgreSql;

/// <summary>
/// Calendars on PostgreSQL: the migration creates the table, the first node seeds <c>default</c> once, and a
/// calendar saved on one node is read, and counted in, on the other.
/// </summary>
public sealed class CalendarsOnPostgreSqlTests(PostgreSqlNodes nodes) : IClassFixture<PostgreSqlNodes>
{
    [SkippableFact]
    public async Task A_calendar_saved_on_one_node_is_counted_in_on_the_other()
    {
        var (a, b) = await nodes.StartTwoNodesAsync();
        var admin = await a.LoginAsync("admin");
        var seeded = await admin.GetJsonAsync("/api/calendars/default");
        Assert.Equal(1, seeded.GetProperty("version").GetInt32());

        await ApiClient.Expect(await admin.Http.PutAsJsonAsync("/api/calendars/night-shift", new
        {
            timeZone = "Asia/Shanghai",
            workingDays = new[] { "saturday", "sunday" },
            periods = new[] { new { start = "20:00", end = "23:00" } },
            exceptions = new[] { new { date = "2026-12-12", working = false, name = "停机检修" } },
            scheduledYears = new[] { 2026 },
        }), HttpStatusCode.Created);

        var agent = await b.LoginAsync("agent");
        var read = await agent.GetJsonAsync("/api/calendars/night-shift");
        Assert.Equal("停机检修", read.GetProperty("exceptions")[0].GetProperty("name").GetString());
        Assert.Equal(["saturday", "sunday"], ApiClient.Strings(read.GetProperty("workingDays")));
        // Node B re-reads its copy when it is older than Calendars:RefreshInterval; here, at once.
        await b.Services.GetRequiredService<CalendarStore>().RefreshAsync(CancellationToken.None);
        var due = await agent.PostJsonAsync("/api/calendars/night-shift/due",
            new { from = "2026-12-11T12:00:00+08:00", duration = "PT4H" }, HttpStatusCode.OK);
        // Saturday the 12th is off: three hours on Sunday the 13th, the fourth on Saturday the 19th.
        Assert.Equal("2026-12-19T21:00:00+08:00", due.GetProperty("due").GetString());
    }
}
