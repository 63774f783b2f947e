using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowService.Runtime.Tasks;
using WorkflowService.Runtime.Definitions;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Benchmarks.Runtime;

/// <summary>Fired-at minus due-at of a set of timers, and how long until the last of them had fired.</summary>
internal sealed record TimerRun(int Timers, double[] LatenessMs, TimeSpan CreatedIn, TimeSpan LastFiredAfterDue, bool CreatedInTime)
{
    public double P50 => Stats.Percentile(LatenessMs, 50);
    public double P99 => Stats.Percentile(LatenessMs, 99);
    public double Max => LatenessMs.Length == 0 ? double.NaN : LatenessMs.Max();

    /// <summary>The latest but one: the slowest of a small set may pay for a cold start, the others must not queue behind it.</summary>
    public double MaxButSlowest => LatenessMs.Length < 2 ? double.NaN : LatenessMs.Order().SkipLast(1).Max();

    /// <summary>Timers that fired before their due time: a correctness failure, never a matter of load.</summary>
    public int Early => LatenessMs.Count(l => l < 0);
}

/// <summary>
/// Instances that wait on a timer and end when it fires: a process deployed for the benchmark
/// whose timer date comes from a variable, so each instance's due time is chosen to the
/// millisecond. Everything after the start is the production path: the timer row is written in
/// the start's transaction, handed to Hangfire, run by <c>TimerJob</c> (which waits out Hangfire's
/// early start), and fired in its own step, which stamps <c>FiredAt</c>.
/// </summary>
internal sealed class TimerProbe(BenchHost host)
{
    public const string Key = "bench-timer";

    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                          id="bench-timer-definitions" targetNamespace="http://workflow.bench">
          <bpmn:process id="bench-timer" name="Benchmark timer" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:intermediateCatchEvent id="wait">
              <bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression">${dueAt}</bpmn:timeDate></bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="done" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
            <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="done" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private readonly InstanceService _instances = host.Get<InstanceService>();

    public Task DeployAsync() => host.Get<DefinitionService>().DeployAsync(Bpmn, "bench");

    /// <summary>
    /// Starts one instance per due time (on 4 concurrent callers), then waits until every timer has
    /// fired and reads fired-at minus due-at from the timer rows.
    /// </summary>
    public async Task<TimerRun> RunAsync(IReadOnlyList<DateTimeOffset> dueTimes, TimeSpan timeout)
    {
        var ids = new Guid[dueTimes.Count];
        var created = await Throughput.MeasureAsync(dueTimes.Count, 4, async i =>
        {
            var variables = new Dictionary<string, JsonElement>
            {
                ["dueAt"] = JsonSerializer.SerializeToElement(dueTimes[i].UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
            };
            ids[i] = (await _instances.StartAsync(Key, null, variables, Caller.System)).Instance.Id;
        });
        var createdInTime = DateTimeOffset.UtcNow < dueTimes.Min();
        var lastDue = dueTimes.Max();

        var deadline = Stopwatch.StartNew();
        while (await PendingAsync(ids) > 0)
        {
            if (deadline.Elapsed > timeout) throw new TimeoutException($"Timers still pending {timeout} after the run started");
            await Task.Delay(50);
        }
        var lastFired = DateTimeOffset.UtcNow - lastDue;
        var rows = await FiredAsync(ids);
        var lateness = rows.Select(r => (r.FiredAt - r.DueAt).TotalMilliseconds).ToArray();
        return new TimerRun(ids.Length, lateness, created.Elapsed, lastFired, createdInTime);
    }

    private async Task<int> PendingAsync(Guid[] ids)
    {
        var pending = 0;
        await using var db = host.Db();
        foreach (var chunk in ids.Chunk(500))
            pending += await db.Timers.CountAsync(t => t.InstanceId != null && chunk.Contains(t.InstanceId.Value)
                                                       && t.Status == TimerStatus.Pending);
        return pending;
    }

    private async Task<List<(DateTimeOffset DueAt, DateTimeOffset FiredAt)>> FiredAsync(Guid[] ids)
    {
        var rows = new List<(DateTimeOffset, DateTimeOffset)>();
        await using var db = host.Db();
        foreach (var chunk in ids.Chunk(500))
        {
            var fired = await db.Timers.AsNoTracking()
                .Where(t => t.InstanceId != null && chunk.Contains(t.InstanceId.Value) && t.Status == TimerStatus.Fired)
                .Select(t => new { t.DueAt, t.FiredAt }).ToListAsync();
            rows.AddRange(fired.Select(f => (f.DueAt, f.FiredAt!.Value)));
        }
        return rows;
    }
}
