using WorkflowService.Runtime.Tests.Support;
using static WorkflowService.Runtime.Tests.Support.InstanceAssertions;

namespace WorkflowService.Runtime.Tests.Persistence;

/// <summary>
/// A step's history rows (written together, after its other rows) keep the order of the events,
/// who did each and when, on SQLite; the PostgreSQL node tests check the same there.
/// </summary>
public sealed class HistoryRecordingTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task The_history_of_a_step_lists_its_elements_in_order_with_names_users_and_times()
    {
        var (id, _) = await service.ComplaintToRecordAsync("history-order");
        var startedAt = service.Clock.GetUtcNow();
        await service.AdvanceAsync(TimeSpan.FromMinutes(7));
        var agent2 = service.As("agent2");

        await agent2.CompleteAsync(id, "recordComplaint", new
        {
            category = "delay", description = "Late", owner = "agent",
        });

        var history = await agent2.HistoryAsync(id);
        AssertInOrder(history,
            ("complaintReceived", "entered"), ("complaintReceived", "left"), ("recordComplaint", "entered"),
            ("recordComplaint", "left"), ("complaintHandling", "entered"), ("handlingStarted", "entered"));
        var entered = Entry(history, "recordComplaint", "entered");
        Assert.Equal("登记投诉并指定负责人", entered.ElementName);
        Assert.Equal(startedAt, entered.At);
        var left = Entry(history, "recordComplaint", "left");
        Assert.Equal("agent2", left.By);
        Assert.Equal(startedAt.AddMinutes(7), left.At);
    }
}
