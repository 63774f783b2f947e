using System.Collections.Concurrent;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace WorkflowService.Benchmarks.Support;

/// <summary>
/// Interpreter steps per second of a measured benchmark: steps per operation ÷ median time per
/// operation. The median, not the mean, because this machine is shared and a few slow iterations
/// from another build should not move the headline number (RESULTS.md gives both times).
/// </summary>
public static class StepRate
{
    /// <summary>The engine's throughput goal on one core.</summary>
    public const double GoalStepsPerSecond = 100_000;

    private static readonly ConcurrentDictionary<BenchmarkCase, int?> Counts = new();

    /// <summary>Null for benchmarks that do not count steps (not an <see cref="IStepCounter"/>).</summary>
    public static int? StepsPerOperation(BenchmarkCase benchmark) => Counts.GetOrAdd(benchmark, Count);

    /// <summary>A fresh instance with the case's [Params] values set, as BenchmarkDotNet sets them.</summary>
    private static int? Count(BenchmarkCase benchmark)
    {
        var type = benchmark.Descriptor.Type;
        if (!typeof(IStepCounter).IsAssignableFrom(type)) return null;
        var instance = (IStepCounter)Activator.CreateInstance(type)!;
        foreach (var parameter in benchmark.Parameters.Items)
            type.GetProperty(parameter.Name)?.SetValue(instance, parameter.Value);
        return instance.StepsPerOperation(benchmark.Descriptor.WorkloadMethod.Name);
    }

    public static double? StepsPerSecond(Summary summary, BenchmarkCase benchmark)
    {
        var median = summary[benchmark]?.ResultStatistics?.Median;
        return StepsPerOperation(benchmark) is { } steps && median is > 0 ? steps / median.Value * 1e9 : null;
    }

    /// <summary>One line per step-counting benchmark, printed after the summary table.</summary>
    public static IEnumerable<string> Verdicts(Summary summary)
    {
        foreach (var benchmark in summary.BenchmarksCases)
        {
            if (StepsPerSecond(summary, benchmark) is not { } rate) continue;
            var verdict = rate >= GoalStepsPerSecond
                ? "goal met"
                : $"goal MISSED by {GoalStepsPerSecond - rate:N0} steps/s ({1 - rate / GoalStepsPerSecond:P0})";
            var name = benchmark.Descriptor.DisplayInfo +
                       (benchmark.HasParameters ? " " + benchmark.Parameters.DisplayInfo : "");
            yield return $"{name}: {StepsPerOperation(benchmark)} steps/op, " +
                         $"{rate:N0} steps/s at the median; {verdict} (goal {GoalStepsPerSecond:N0} steps/s)";
        }
    }
}
