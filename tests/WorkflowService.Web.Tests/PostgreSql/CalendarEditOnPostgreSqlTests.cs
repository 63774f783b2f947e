using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowService.Engine.Timers;
using WorkflowService.Runtime.Calendars;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.PostgreSql;

/// <summary>
/// On PostgreSQL, an admin's calendar edit moves the pending timers that count in it (the rows are read again
/// under a row lock): a holiday put on the day the shipped repair's acceptance is due moves it a working day later.
/// </summary>
public sealed class CalendarEditOnPostgreSqlTests(PostgreSqlNodes nodes) : IClassFixture<PostgreSqlNodes>
{
    [SkippableFact]
    public async Task A_holiday_on_the_due_day_moves_a_pending_acceptance_timer()
    {
        var node = await nodes.StartNodeAsync();
        var desk = await node.LoginAsync("desk");
        var id = await desk.StartAsync("repair", new
        {
            customer = "PG Calendar Edit Ltd", contactPerson = "Li Wei 李伟", contactPhone = "+86 21 5555 0199", model = "X1-Pro",
            serial = "IMEI-3570", units = 3, inWarranty = true,
        });
        var timer = Assert.Single((await desk.InstanceAsync(id)).GetProperty("pendingTimers").EnumerateArray());
        var armed = timer.GetProperty("dueAt").GetDateTimeOffset();
        var store = node.Services.GetRequiredService<CalendarStore>();
        var zone = store.Require("default").Zone;
        var dueDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(armed, zone).Date);
        var taskBefore = await node.ReadAsync(db => Task.FromResult(db.Tasks.Single(t => t.InstanceId == id && t.Status == "Open")));
        Assert.Equal(("default", "P1D"), (taskBefore.DueCalendar, taskBefore.DueSpan));

        var admin = await node.LoginAsync("admin");
        var calendar = JsonNode.Parse((await admin.GetJsonAsync("/api/calendars/default")).GetRawText())!.AsObject();
        calendar["exceptions"]!.AsArray().Add(new JsonObject
        {
            ["date"] = dueDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["working"] = false, ["name"] = "临时停工",
        });
        await ApiClient.Expect(await admin.Http.PutAsJsonAsync("/api/calendars/default", calendar), HttpStatusCode.OK);

        var moved = Assert.Single((await desk.InstanceAsync(id)).GetProperty("pendingTimers").EnumerateArray())
            .GetProperty("dueAt").GetDateTimeOffset();
        Assert.True(moved > armed, $"{moved:O} is not after {armed:O}");
        Assert.Equal(TimeZoneInfo.ConvertTime(armed, zone).TimeOfDay, TimeZoneInfo.ConvertTime(moved, zone).TimeOfDay);
        var countedFrom = await node.ReadAsync(db => Task.FromResult(db.Timers.Single(t => t.InstanceId == id).CountFrom!.Value));
        Assert.Equal(store.Require("default").Add(countedFrom, IsoDuration.Parse("P1D")), moved);

        // The acceptance task's due date counts in the same calendar: the inbox shows the moved time, in its order too.
        var task = await node.ReadAsync(db => Task.FromResult(db.Tasks.Include(t => t.Candidates).Single(t => t.Id == taskBefore.Id)));
        Assert.True(task.DueAt > taskBefore.DueAt, $"{task.DueAt:O} is not after {taskBefore.DueAt:O}");
        Assert.Equal(store.Require("default").Add(task.DueCountFrom!.Value, IsoDuration.Parse("P1D")), task.DueAt);
        Assert.All(task.Candidates, c => Assert.Equal(task.DueAt, c.DueAt));
    }
}
