using Microsoft.EntityFrameworkCore;
using WorkflowService.Engine.Execution;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Tests.Persistence;

/// <summary>
/// Row statuses and history events are named values stored as the strings the rows have always
/// held (no migration): each name is the stored string, reads back as the same value, and says
/// whether the row can still change.
/// </summary>
public sealed class RowStatusTests : IDisposable
{
    private readonly SqliteFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public void Every_status_keeps_the_stored_string_and_knows_whether_it_is_final()
    {
        Assert.Equal([("Open", false), ("Completed", true), ("Cancelled", true)],
            UserTaskStatus.All.Select(s => (s.Name, s.IsFinal)));
        Assert.Equal([("Pending", false), ("Fired", true), ("Cancelled", true), ("Paused", false)],
            TimerStatus.All.Select(s => (s.Name, s.IsFinal)));
        Assert.Equal([("Open", false), ("Completed", true), ("Failed", true), ("Cancelled", true)],
            ExternalTaskStatus.All.Select(s => (s.Name, s.IsFinal)));
        Assert.Equal([("Pending", false), ("Sent", true), ("Failed", true)],
            OutboxStatus.All.Select(s => (s.Name, s.IsFinal)));
    }

    [Fact]
    public void Every_history_event_keeps_the_stored_string()
    {
        Assert.Equal(["entered", "left", "interrupted", "incident", "incidentResolved", "completed", "cancelled", "failed"],
            HistoryEvent.All.Select(e => e.Name));
        Assert.Equal([HistoryEvent.Completed, HistoryEvent.Cancelled, HistoryEvent.Failed], HistoryEvent.All.Where(e => e.EndsInstance));
        Assert.Equal(HistoryEvent.Cancelled, HistoryEvent.EndOf(InstanceStatus.Cancelled));
        Assert.Throws<ArgumentException>(() => HistoryEvent.EndOf(InstanceStatus.Running));
    }

    [Fact]
    public void A_stored_name_parses_back_to_its_value_and_an_unknown_one_is_refused()
    {
        Assert.All(UserTaskStatus.All, s => Assert.Equal(s, UserTaskStatus.Parse(s.Name)));
        Assert.All(TimerStatus.All, s => Assert.Equal(s, TimerStatus.Parse(s.Name)));
        Assert.All(ExternalTaskStatus.All, s => Assert.Equal(s, ExternalTaskStatus.Parse(s.Name)));
        Assert.All(OutboxStatus.All, s => Assert.Equal(s, OutboxStatus.Parse(s.Name)));
        Assert.All(HistoryEvent.All, e => Assert.Equal(e, HistoryEvent.Parse(e.Name)));

        var error = Assert.Throws<FormatException>(() => TimerStatus.Parse("Snoozed"));
        Assert.Contains("'Snoozed'", error.Message);
        Assert.Contains("Pending, Fired, Cancelled", error.Message);
    }

    [Fact]
    public async Task A_status_written_to_a_row_is_the_same_string_in_the_database_and_queries_by_it()
    {
        var pending = Guid.CreateVersion7();
        var fired = Guid.CreateVersion7();
        await using (var db = _file.Factory.Create())
        {
            db.Timers.Add(new TimerRecord { Id = pending, ElementId = "slaTimer", Status = TimerStatus.Pending, DueAt = DateTimeOffset.UtcNow });
            db.Timers.Add(new TimerRecord { Id = fired, ElementId = "firedTimer", Status = TimerStatus.Fired, DueAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }

        await using var read = _file.Factory.Create();
        var stored = await read.Database.SqlQuery<string>($"SELECT Status AS Value FROM timers WHERE ElementId = {"firedTimer"}").SingleAsync();
        Assert.Equal("Fired", stored);
        Assert.True(TimerStatus.Parse(stored).IsFinal);
        Assert.Equal(pending, await read.Timers.Where(t => t.Status == TimerStatus.Pending).Select(t => t.Id).SingleAsync());
    }
}
