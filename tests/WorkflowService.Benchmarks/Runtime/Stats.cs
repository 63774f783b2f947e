using System.Globalization;

namespace WorkflowService.Benchmarks.Runtime;

/// <summary>Percentiles and medians over samples; nearest-rank, so a reported value was really observed.</summary>
internal static class Stats
{
    public static double Percentile(IReadOnlyList<double> samples, double p)
    {
        if (samples.Count == 0) return double.NaN;
        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static string N0(double value) => double.IsNaN(value) ? "-" : value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Ms(double value) => double.IsNaN(value) ? "-"
        : value.ToString(value < 10 ? "0.00" : value < 100 ? "0.0" : "N0", CultureInfo.InvariantCulture) + " ms";

    /// <summary>"min–max" of a set of per-repetition values, to show the spread next to the median.</summary>
    public static string Range(IEnumerable<double> values, Func<double, string> format)
    {
        var list = values.ToList();
        return list.Count == 0 ? "-" : $"{format(list.Min())}–{format(list.Max())}";
    }
}

/// <summary>
/// The 1-minute load average sampled every few seconds for the whole run: the machine is shared,
/// and a number means little without the load it was measured under.
/// </summary>
internal sealed class LoadSampler : IAsyncDisposable
{
    private readonly List<double> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LoadSampler() => _loop = SampleAsync();

    public string Describe()
    {
        lock (_samples)
        {
            if (_samples.Count == 0) return "not available";
            return string.Create(CultureInfo.InvariantCulture,
                $"{_samples.Min():0.00}–{_samples.Max():0.00} (median {Stats.Median(_samples):0.00}, {_samples.Count} samples)");
        }
    }

    private async Task SampleAsync()
    {
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(5));
        do
        {
            if (File.Exists("/proc/loadavg") &&
                double.TryParse((await File.ReadAllTextAsync("/proc/loadavg")).Split(' ')[0], CultureInfo.InvariantCulture, out var load))
                lock (_samples) _samples.Add(load);
        } while (await WaitAsync(tick));
    }

    private async Task<bool> WaitAsync(PeriodicTimer tick)
    {
        try
        {
            return await tick.WaitForNextTickAsync(_stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
