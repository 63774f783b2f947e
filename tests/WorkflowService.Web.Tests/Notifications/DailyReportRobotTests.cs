using WorkflowService.Testing;
using WorkflowService.Testing.Robots;
using WorkflowService.Web.Tests.Reports;

namespace WorkflowService.Web.Tests.Notifications;

/// <summary>The daily report's short form reaches the robots subscribed to <c>daily-report</c>, once a day like the mail.</summary>
public sealed class DailyReportRobotTests
{
    // Tuesday 8 December 2026, 08:00 in Shanghai: a working day.
    private static readonly DateTimeOffset Tuesday = DailyReportHost.At(2026, 12, 8);

    [Fact]
    public async Task A_robot_subscribed_to_the_daily_report_gets_its_summary_and_link_once()
    {
        await using var sink = await RobotSink.StartAsync();
        await using var service = await DailyReportHost.StartAsync(Tuesday, new Dictionary<string, string?>
        {
            ["Notifications:Robots:0:Name"] = "daily", ["Notifications:Robots:0:Kind"] = "WeCom",
            ["Notifications:Robots:0:Url"] = sink.WeComUrl("daily-key"), ["Notifications:Robots:0:Events"] = "daily-report",
            ["Notifications:Robots:1:Name"] = "breaches-only", ["Notifications:Robots:1:Kind"] = "WeCom",
            ["Notifications:Robots:1:Url"] = sink.WeComUrl("breach-key"), ["Notifications:Robots:1:Events"] = "breach",
        });
        await DailyReportTests.SeedAsync(service.Host);

        Assert.True(await service.RunAsync());
        Assert.False(await service.RunAsync());
        await Poll.UntilAsync(() => !sink.Hits.IsEmpty, "the robot is posted to");
        await service.Host.WaitForIdleJobsAsync();
        await Task.Delay(300);

        var hit = Assert.Single(sink.Hits);
        Assert.Equal("?key=daily-key", hit.Query);
        var content = hit.Json.GetProperty("markdown").GetProperty("content").GetString()!;
        Assert.StartsWith("### 售后日报 2026-12-08\n", content);
        Assert.Contains("**今日到期及已逾期待办**：2 项", content);
        Assert.Contains("**昨日（2026-12-07）超时**：1 次", content);
        Assert.Contains("[查看日报](http://workflow.test/reports/engineers)", content);
        Assert.Single(service.Reports);
    }
}
