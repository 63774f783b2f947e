using System.Globalization;

namespace WorkflowService.Benchmarks.Http;

/// <summary><c>http</c> arguments. Defaults are the recorded run; <c>--quick</c> is for trying a change.</summary>
internal sealed record HttpOptions
{
    /// <summary>Measured rounds; each cell gives one sample per round and the report takes the median (at least 3).</summary>
    public int Rounds { get; init; } = 3;

    /// <summary>How long each cell is measured in a round.</summary>
    public TimeSpan Cell { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long each cell runs in the warm-up round (dropped): JIT tiering, connection and database pools.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Concurrent keep-alive connections, one loop each (issue 14: 16).</summary>
    public int Connections { get; init; } = 16;

    public bool KeepData { get; init; }

    /// <summary>Leave out the <c>wrk</c> cells even where wrk is installed.</summary>
    public bool NoWrk { get; init; }

    /// <summary>Only the cells whose name contains one of these (comma-separated; e.g. <c>REST</c> while tracing them).</summary>
    public string[] Only { get; init; } = [];

    /// <summary>Seconds to wait after the warm-up round, e.g. to attach <c>dotnet-trace</c> to this process.</summary>
    public int Pause { get; init; }

    /// <summary>Service settings to try instead of the defaults, e.g. <c>--set Scheduling:WorkerCount=20</c>.</summary>
    public Dictionary<string, string?> Settings { get; init; } = [];

    public static HttpOptions Parse(IReadOnlyList<string> args)
    {
        var options = args.Contains("--quick")
            ? new HttpOptions { Cell = TimeSpan.FromSeconds(2), WarmUp = TimeSpan.FromSeconds(2) }
            : new HttpOptions();
        for (var i = 0; i < args.Count; i++)
        {
            int Next() => int.Parse(args[++i], CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--quick" => options,
                "--rounds" => options with { Rounds = Next() },
                "--seconds" => options with { Cell = TimeSpan.FromSeconds(Next()) },
                "--warm-up" => options with { WarmUp = TimeSpan.FromSeconds(Next()) },
                "--connections" => options with { Connections = Next() },
                "--keep" => options with { KeepData = true },
                "--no-wrk" => options with { NoWrk = true },
                "--only" => options with { Only = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries) },
                "--pause" => options with { Pause = Next() },
                "--set" => options with { Settings = new(options.Settings) { [args[++i].Split('=')[0]] = args[i].Split('=', 2)[1] } },
                _ => throw new ArgumentException(
                    $"Unknown option {args[i]}. Options: --quick --rounds N --seconds N --warm-up N --connections N --keep --no-wrk --only a,b --pause N --set Section:Key=value"),
            };
        }
        return options;
    }
}
