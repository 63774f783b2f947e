using System.Globalization;

namespace WorkflowService.Benchmarks.Records;

/// <summary><c>records</c> arguments. Defaults are the sizes; <c>--quick</c> loads a tenth of them.</summary>
internal sealed record RecordsOptions
{
    public int Customers { get; init; } = 100_000;
    public int Devices { get; init; } = 300_000;

    /// <summary>Searches of each kind (phone fragment, name fragment), after a warm-up of a tenth as many.</summary>
    public int Queries { get; init; } = 2_000;

    /// <summary>How long each order-opening run lasts, after a warm-up of a fifth as long.</summary>
    public TimeSpan OpenFor { get; init; } = TimeSpan.FromSeconds(10);

    public bool KeepData { get; init; }

    /// <summary><c>--sql</c>: trace one order and one bare start (<see cref="OrderTrace"/>) instead of measuring.</summary>
    public bool Sql { get; init; }

    public static RecordsOptions Parse(IReadOnlyList<string> args)
    {
        var options = args.Contains("--quick") ? new RecordsOptions { Customers = 10_000, Devices = 30_000 } : new RecordsOptions();
        for (var i = 0; i < args.Count; i++)
        {
            int Next() => int.Parse(args[++i], CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--quick" => options,
                "--customers" => options with { Customers = Next() },
                "--devices" => options with { Devices = Next() },
                "--queries" => options with { Queries = Next() },
                "--seconds" => options with { OpenFor = TimeSpan.FromSeconds(Next()) },
                "--keep" => options with { KeepData = true },
                "--sql" => options with { Sql = true },
                _ => throw new ArgumentException(
                    $"Unknown option {args[i]}. Options: --quick --customers N --devices N --queries N --seconds N --sql --keep"),
            };
        }
        if (options.Devices < options.Customers) throw new ArgumentException("--devices must be at least --customers: every customer gets a device");
        return options;
    }
}
