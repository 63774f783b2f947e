using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WorkflowService.Engine.Calendars;
using WorkflowService.Runtime.Calendars;
using WorkflowService.Testing;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Calendars;

/// <summary>
/// The store behind the engine's calendars: a save is announced to the listeners, another node's save is seen
/// once the copy is older than the refresh interval (and not before), and a restart does not re-seed an edited
/// <c>default</c>.
/// </summary>
public sealed class CalendarStoreTests
{
    private sealed class Listener : ICalendarChangeListener
    {
        public ConcurrentQueue<CalendarChanged> Changes { get; } = new();

        public Task CalendarChangedAsync(CalendarChanged change, CancellationToken ct)
        {
            Changes.Enqueue(change);
            return Task.CompletedTask;
        }
    }

    private static readonly object Weekend = new
    {
        workingDays = new[] { "saturday", "sunday" }, periods = new[] { new { start = "10:00", end = "16:00" } }, scheduledYears = new[] { 2026 },
    };

    [Fact]
    public async Task A_save_is_announced_to_every_listener_with_the_new_version()
    {
        var listener = new Listener();
        await using var host = new WorkflowHost(new HostSettings { Services = s => s.AddSingleton<ICalendarChangeListener>(listener) });
        var admin = await host.LoginAsync("admin");

        await ApiClient.Expect(await admin.Http.PutAsJsonAsync("/api/calendars/weekend", Weekend), HttpStatusCode.Created);

        var change = Assert.Single(listener.Changes);
        Assert.Equal(("weekend", 1, "admin"), (change.Name, change.Version, change.ChangedBy));
        Assert.Equal([DayOfWeek.Saturday, DayOfWeek.Sunday], change.Definition.WorkingDays.ToArray());
        TempFolder.TryDelete(host.Settings.DataDirectory);
    }

    [Fact]
    public async Task A_calendar_written_by_another_node_is_found_once_the_copy_is_older_than_the_refresh_interval()
    {
        var clock = HostSettings.FakeClock();
        await using var host = new WorkflowHost(new HostSettings { Clock = clock });
        var store = host.Services.GetRequiredService<CalendarStore>();
        Assert.NotNull(store.Find("default"));

        // Another node's save: straight into the shared table, unseen by this node's copy.
        await using (var db = host.Services.GetRequiredService<WorkflowService.Runtime.Persistence.WorkflowDbFactory>().Create())
        {
            db.Calendars.Add(new CalendarRecord
            {
                Name = "elsewhere", Version = 1, UpdatedAt = clock.GetUtcNow(), UpdatedBy = "admin",
                Definition = CalendarText.Write(new CalendarDefinition { Name = "elsewhere", TimeZone = "Asia/Shanghai" }),
            });
            await db.SaveChangesAsync();
        }

        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Null(store.Find("elsewhere"));
        clock.Advance(TimeSpan.FromSeconds(2));
        await Poll.UntilAsync(() => store.Find("elsewhere") is not null, "the copy was re-read in the background");
        TempFolder.TryDelete(host.Settings.DataDirectory);
    }

    [Fact]
    public async Task A_restart_does_not_seed_over_a_default_an_admin_has_edited()
    {
        var data = TempFolder.Create();
        await using (var first = new WorkflowHost(new HostSettings { DataDirectory = data }))
        {
            var admin = await first.LoginAsync("admin");
            var stored = await admin.GetJsonAsync("/api/calendars/default");
            await ApiClient.Expect(await admin.Http.PutAsJsonAsync("/api/calendars/default", new
            {
                timeZone = "Asia/Shanghai", scheduledYears = new[] { 2025, 2026, 2027 }, version = stored.GetProperty("version").GetInt32(),
            }), HttpStatusCode.OK);
        }

        await using var second = new WorkflowHost(new HostSettings { DataDirectory = data });
        var again = await (await second.LoginAsync("agent")).GetJsonAsync("/api/calendars/default");

        Assert.Equal(2, again.GetProperty("version").GetInt32());
        Assert.Equal([2025, 2026, 2027], again.GetProperty("scheduledYears").EnumerateArray().Select(y => y.GetInt32()));
        Assert.Empty(again.GetProperty("exceptions").EnumerateArray());
        Assert.True(second.Services.GetRequiredService<CalendarStore>().Find("default")!.HasSchedule(2027));
        TempFolder.TryDelete(data);
    }
}
