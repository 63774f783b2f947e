using Microsoft.EntityFrameworkCore;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tests.Support;

namespace WorkflowService.Runtime.Tests.Tasks;

/// <summary>
/// Closing a task moves its revision on, so a change prepared from a read made while it was
/// open (a claim that lost the race against the completion) fails instead of touching a closed task.
/// </summary>
public sealed class ClosedRowTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task A_claim_prepared_while_the_task_was_open_cannot_be_saved_after_it_was_completed()
    {
        var (id, taskId) = await service.ComplaintToRecordAsync("closed-row");
        await using var stale = service.Host.Get<WorkflowDbFactory>().Create();
        var seenOpen = await stale.Tasks.SingleAsync(t => t.Id == taskId);
        Assert.Equal(UserTaskStatus.Open, seenOpen.Status);

        await service.As("agent").CompleteAsync(id, "recordComplaint", new
        {
            category = "delay", description = "Late", owner = "agent",
        });
        seenOpen.Assignee = "agent2";
        seenOpen.Revision++;

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync());
        var row = await service.Host.ReadAsync(db => db.Tasks.AsNoTracking().SingleAsync(t => t.Id == taskId));
        Assert.Equal((UserTaskStatus.Completed, (string?)null), (row.Status, row.Assignee));
    }
}
