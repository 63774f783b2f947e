using System.Globalization;

namespace WorkflowService.Benchmarks.Runtime;

/// <summary>
/// <c>runtime</c> arguments. Defaults are the recorded run; <c>--quick</c> is for trying a change
/// (fewer and smaller repetitions, same population, so the goals still apply).
/// </summary>
internal sealed record SuiteOptions
{
    /// <summary>Interleaved rounds of every throughput and inbox measurement; each gives one sample per measurement.</summary>
    public int Rounds { get; init; } = 5;

    /// <summary>Operations per throughput measurement (the raw SQLite ceiling does twice as many).</summary>
    public int Operations { get; init; } = 2_000;

    /// <summary>Concurrent callers of each throughput measurement (a column each); 16 is what a busy web front sends at once.</summary>
    public int[] Callers { get; init; } = [1, 4, 16];

    /// <summary>Rows per commit of the batched raw ceiling (what a write batch can reach at best).</summary>
    public const int RawBatchRows = 64;

    /// <summary>Inbox queries per caller per round.</summary>
    public int InboxQueries { get; init; } = 100;

    /// <summary>Open tasks and pending timers in the database before measuring (issue: 100,000).</summary>
    public int Population { get; init; } = 100_000;

    public int LatenessRuns { get; init; } = 3;
    public int LatenessTimers { get; init; } = 300;

    /// <summary>Timers falling due per second in a lateness run.</summary>
    public double LatenessRate { get; init; } = 20;

    /// <summary>Runs of <see cref="BurstTimers"/> timers due <see cref="BurstApart"/> apart.</summary>
    public int BurstRuns { get; init; } = 3;

    /// <summary>A dozen timers falling due a few milliseconds apart, across a second boundary (Hangfire keeps whole seconds).</summary>
    public const int BurstTimers = 12;
    public static readonly TimeSpan BurstApart = TimeSpan.FromMilliseconds(77);

    public int DrainRuns { get; init; } = 3;
    public int DrainTimers { get; init; } = 10_000;

    /// <summary>Log the SQL of one start and one completion instead of measuring (seeded only with an explicit --population).</summary>
    public bool Sql { get; init; }

    public bool KeepData { get; init; }

    /// <summary>Starts then completions on one caller, with the commands each sends, and nothing else (<see cref="CompletionPath"/>).</summary>
    public bool Path { get; init; }

    /// <summary>Service settings to try instead of the defaults, e.g. <c>--set Scheduling:WorkerCount=20</c>.</summary>
    public Dictionary<string, string?> Settings { get; init; } = [];

    public static SuiteOptions Parse(IReadOnlyList<string> args)
    {
        var options = args.Contains("--quick")
            ? new SuiteOptions { Rounds = 2, Operations = 500, InboxQueries = 50, LatenessRuns = 1, BurstRuns = 1, DrainRuns = 1 }
            : new SuiteOptions();
        for (var i = 0; i < args.Count; i++)
        {
            int Next() => int.Parse(args[++i], CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--quick" => options,
                "--rounds" => options with { Rounds = Next() },
                "--ops" => options with { Operations = Next() },
                "--population" => options with { Population = Next() },
                "--lateness-runs" => options with { LatenessRuns = Next() },
                "--burst-runs" => options with { BurstRuns = Next() },
                "--drain-runs" => options with { DrainRuns = Next() },
                "--drain-timers" => options with { DrainTimers = Next() },
                "--callers" => options with { Callers = [.. args[++i].Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))] },
                "--sql" => options with { Sql = true },
                "--keep" => options with { KeepData = true },
                "--path" => options with { Path = true },
                "--set" => options with { Settings = new(options.Settings) { [args[++i].Split('=')[0]] = args[i].Split('=', 2)[1] } },
                _ => throw new ArgumentException(
                    $"Unknown option {args[i]}. Options: --quick --rounds N --ops N --callers 1,4,16 --population N --lateness-runs N " +
                    "--burst-runs N --drain-runs N --drain-timers N --sql --path --keep --set Section:Key=value"),
            };
        }
        return options;
    }
}
