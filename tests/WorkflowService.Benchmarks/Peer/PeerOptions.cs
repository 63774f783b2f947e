using System.Globalization;

namespace WorkflowService.Benchmarks.Peer;

/// <summary><c>peer</c> arguments: instances per start batch and measured rounds (a warm-up round comes first).</summary>
internal sealed record PeerOptions
{
    public int Instances { get; init; } = 2_000;
    public int Rounds { get; init; } = 3;

    public static PeerOptions Parse(IReadOnlyList<string> args)
    {
        var options = new PeerOptions();
        for (var i = 0; i < args.Count; i++)
        {
            int Next() => int.Parse(args[++i], CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--instances" => options with { Instances = Next() },
                "--rounds" => options with { Rounds = Next() },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Options: --instances N --rounds N"),
            };
        }
        if (options.Instances < 1 || options.Rounds < 1) throw new ArgumentException("--instances and --rounds must be at least 1");
        return options;
    }
}
