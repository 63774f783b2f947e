using WorkflowService.Web.Tasks;

namespace WorkflowService.Web.Tests.Tasks;

public sealed class InboxSlaRuleTests
{
    private static readonly DateTimeOffset Created = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_task_without_a_due_date_has_no_badge() =>
        Assert.Equal(SlaState.None, SlaRule.Of(Created, null, Created.AddDays(30)));

    /// <summary>24 h acceptance: due soon after 18 h; 3-day follow-up call: due soon with 18 h left.</summary>
    [Theory]
    [InlineData(24, 0, SlaState.OnTime)]
    [InlineData(24, 17.9, SlaState.OnTime)]
    [InlineData(24, 18, SlaState.DueSoon)]
    [InlineData(24, 24, SlaState.DueSoon)]
    [InlineData(24, 24.01, SlaState.Overdue)]
    [InlineData(72, 0, SlaState.OnTime)]
    [InlineData(72, 53.9, SlaState.OnTime)]
    [InlineData(72, 54, SlaState.DueSoon)]
    public void A_long_task_is_due_soon_in_the_last_quarter_of_its_time(double spanHours, double hoursLater, SlaState expected) =>
        Assert.Equal(expected, SlaRule.Of(Created, Created.AddHours(spanHours), Created.AddHours(hoursLater)));

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void A_task_due_within_4_hours_is_due_soon_from_the_start(double spanHours) =>
        Assert.Equal(SlaState.DueSoon, SlaRule.Of(Created, Created.AddHours(spanHours), Created));

    [Fact]
    public void A_task_created_already_late_is_overdue() =>
        Assert.Equal(SlaState.Overdue, SlaRule.Of(Created, Created.AddHours(-1), Created));

    [Fact]
    public void Each_badge_has_a_style_of_its_own() =>
        Assert.Equal(3, new[] { SlaState.OnTime, SlaState.DueSoon, SlaState.Overdue }.Select(SlaRule.CssClass).Distinct().Count());
}
