using Hangfire;
using Hangfire.InMemory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkflowService.Runtime.Configuration;

namespace WorkflowService.Runtime.Scheduling;

/// <summary><c>Scheduling:ArmHorizon</c>, beside the other scheduling settings (bound from the same section).</summary>
public sealed class TimerHorizonOptions
{
    /// <summary>
    /// Timers due further ahead stay in the database and are handed to the in-memory job storage by the
    /// sweep once they come this close (at least two sweep intervals); zero hands every timer over at once.
    /// Only with in-memory job storage.
    /// </summary>
    public TimeSpan ArmHorizon { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// How far ahead a timer is handed to Hangfire. With in-memory job storage every scheduled job
/// lives in the service's heap (0.8 KB of live objects each, 1.9 KB of working set with the server
/// GC): 100,000 open instances with a 24 h SLA timer each held 190 MB of the working set (390 MB of
/// the 500 allowed, 496 MB at the peak; issue 14) for timers that are hours away. So only timers due
/// within the horizon are handed over; <see cref="TimerSweeper"/> hands over the rest as the horizon
/// reaches them, each sweep the slice between the last sweep's horizon and its own, at least the
/// horizon less one sweep interval before they are due. Job storage in the database (PostgreSQL)
/// costs no memory and is shared by the nodes, each of which sweeps: there every timer is handed
/// over at once, as before.
/// </summary>
public sealed class TimerHorizon(TimeSpan? ahead)
{
    public static readonly TimerHorizon Unlimited = new(null);

    /// <summary>How far ahead timers are handed over; null: every timer, whenever it is due.</summary>
    public TimeSpan? Ahead { get; } = ahead;

    /// <summary>The latest due time handed over now; <see cref="DateTimeOffset.MaxValue"/> without a horizon.</summary>
    public DateTimeOffset Until(DateTimeOffset now) => Ahead is { } h ? now + h : DateTimeOffset.MaxValue;

    public bool Holds(DateTimeOffset dueAt, DateTimeOffset now) => dueAt <= Until(now);

    /// <summary>
    /// The setting, never shorter than two sweep intervals (a timer must be handed over by a sweep before it is
    /// due, however long the interval is set), for in-memory job storage; unlimited otherwise.
    /// </summary>
    internal static void Register(IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<TimerHorizonOptions>().Bind(config.GetSection(SchedulingOptions.Section));
        services.AddSingleton(sp => For(sp.GetRequiredService<JobStorage>(),
            sp.GetRequiredService<IOptions<TimerHorizonOptions>>().Value, sp.GetRequiredService<IOptions<SchedulingOptions>>().Value));
    }

    internal static TimerHorizon For(JobStorage storage, TimerHorizonOptions options, SchedulingOptions scheduling) =>
        storage is InMemoryStorage && options.ArmHorizon > TimeSpan.Zero
            ? new TimerHorizon(options.ArmHorizon > 2 * scheduling.SweepInterval ? options.ArmHorizon : 2 * scheduling.SweepInterval)
            : Unlimited;
}
