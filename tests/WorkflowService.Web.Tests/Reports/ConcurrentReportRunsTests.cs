using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowService.AfterSales.Reports.Mail;
using WorkflowService.AfterSales.Reports.Monthly;
using WorkflowService.AfterSales.Reports.Quality;
using WorkflowService.Runtime.Mail;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Reports;

/// <summary>
/// Runs of the same scheduled report at the same moment (two nodes, each with its own Hangfire, or a run past the
/// other's lock timeout) queue its mail once: the check for the period's send and the send's record are one turn.
/// </summary>
public sealed class ConcurrentReportRunsTests
{
    public const int Runs = 8;

    [Fact]
    public async Task Runs_of_the_weekly_monthly_and_daily_reports_at_once_queue_each_once()
    {
        // Monday 7 December 2026, 09:00 in Shanghai (a working day): week 49, November's summary, the daily report of the 7th.
        await using var service = await DailyReportHost.StartAsync(DailyReportHost.At(2026, 12, 7, 9));

        await AssertEachQueuedOnceAsync(_ => service.Host);
    }

    /// <summary>Runs each report <see cref="Runs"/> times at once, run i on <paramref name="node"/>(i); each must be queued once.</summary>
    internal static async Task AssertEachQueuedOnceAsync(Func<int, WorkflowHost> node)
    {
        async Task<int> QueuedAsync(Func<IServiceProvider, Task<bool>> run)
        {
            var runs = await Task.WhenAll(Enumerable.Range(0, Runs).Select(i => Task.Run(() => run(node(i).Services))));
            return runs.Count(queued => queued);
        }

        Assert.Equal(1, await QueuedAsync(s => s.GetRequiredService<WeeklyQualityReport>().RunAsync(CancellationToken.None)));
        Assert.Equal(1, await QueuedAsync(s => s.GetRequiredService<MonthlySummaryReport>().RunAsync(CancellationToken.None)));
        Assert.Equal(1, await QueuedAsync(s => s.GetRequiredService<DailyReport>().RunAsync(CancellationToken.None)));
        var payloads = await node(0).ReadAsync(db => db.Outbox.Select(o => o.PayloadJson).ToListAsync());
        Assert.Equal([DailyReport.Template, MonthlySummaryReport.Template, WeeklyQualityReport.Template],
            payloads.Select(p => MailPayload.Deserialize(p).Template).Order(StringComparer.Ordinal));
    }
}
