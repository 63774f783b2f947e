using System.Globalization;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.AfterSales.Reports.Mail;

/// <summary>
/// When a weekly or monthly report leaves and where it goes: on <see cref="Day"/> (a weekday, 1 = Monday … 7 = Sunday,
/// for a weekly report; a day of the month, 1–28, for a monthly one) at <see cref="At"/> (the department's clock time),
/// to <see cref="To"/> (addresses, comma-separated; empty: no report is sent).
/// </summary>
public sealed record PeriodicReportSettings(int Day, TimeOnly At, string To)
{
    public IReadOnlyList<string> Recipients => new DailyReportSettings(At, To).Recipients;

    public string AtText => At.ToString("HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>What tells a weekly report from a monthly one: its job, where its settings live, its defaults and its cron.</summary>
public sealed record PeriodicReportKind(string JobId, string Section, string Target, string SavedAction, string MailedAction,
    bool Weekly, int DefaultDay, string DefaultTime = "09:00")
{
    /// <summary>The last day of the month a monthly report may be set to: every month has it.</summary>
    public const int LastMonthDay = 28;

    public bool IsDay(int day) => Weekly ? day is >= 1 and <= 7 : day is >= 1 and <= LastMonthDay;

    /// <summary>The Hangfire cron: that minute on that weekday (cron's 0 is Sunday) or that day of every month.</summary>
    public string Cron(PeriodicReportSettings s) => Weekly
        ? string.Create(CultureInfo.InvariantCulture, $"{s.At.Minute} {s.At.Hour} * * {s.Day % 7}")
        : string.Create(CultureInfo.InvariantCulture, $"{s.At.Minute} {s.At.Hour} {s.Day} * *");
}

/// <summary>
/// A weekly or monthly report's settings, kept as the daily report's are (<see cref="DailyReportSettingsStore"/>): the
/// defaults from configuration (<c>{Section}:To</c>, <c>:Day</c>, <c>:At</c>), what an admin saves on /admin/reports in
/// the audit log (the latest entry wins), and the recurring job moved on save.
/// </summary>
public abstract class PeriodicReportSettingsStore(
    PeriodicReportKind kind,
    WorkflowDbFactory dbFactory,
    TransactionRunner transactions,
    IRecurringJobManager recurring,
    IConfiguration configuration,
    IOptions<AfterSalesOptions> options,
    TimeProvider clock)
{
    private sealed record Stored(int Day, string At, string To);

    public PeriodicReportKind Kind => kind;

    /// <summary>The settings from configuration alone (an unreadable day or time there falls back to the default).</summary>
    public PeriodicReportSettings Configured => new(
        int.TryParse(configuration[$"{kind.Section}:Day"], NumberStyles.None, CultureInfo.InvariantCulture, out var day) && kind.IsDay(day)
            ? day : kind.DefaultDay,
        DailyReportSettings.ReadTime(configuration[$"{kind.Section}:At"]) ?? DailyReportSettings.ReadTime(kind.DefaultTime)!.Value,
        configuration[$"{kind.Section}:To"]?.Trim() ?? "");

    public async Task<PeriodicReportSettings> GetAsync(CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        var details = await db.Audit.AsNoTracking().Where(a => a.Action == kind.SavedAction && a.Target == kind.Target)
            .OrderByDescending(a => a.Id).Select(a => a.Details).FirstOrDefaultAsync(ct);
        if (details is null) return Configured;
        var stored = JsonSerializer.Deserialize<Stored>(details, JsonSerializerOptions.Web);
        return stored is not null && kind.IsDay(stored.Day) && DailyReportSettings.ReadTime(stored.At) is { } at
            ? new PeriodicReportSettings(stored.Day, at, stored.To)
            : Configured;
    }

    /// <summary>Keeps the settings (an audit entry by <paramref name="actor"/>) and moves the job to the new day and time.</summary>
    public async Task SaveAsync(PeriodicReportSettings settings, string actor, CancellationToken ct = default)
    {
        if (!kind.IsDay(settings.Day)) throw new ArgumentOutOfRangeException(nameof(settings), settings.Day, "Not a day of this report");
        await transactions.RunAsync($"{kind.Target} settings", async db =>
        {
            db.Audit.Add(new AuditRecord
            {
                At = clock.GetUtcNow(), Actor = actor, Action = kind.SavedAction, Target = kind.Target,
                Details = JsonSerializer.Serialize(new Stored(settings.Day, settings.AtText, settings.To), JsonSerializerOptions.Web),
            });
            await db.SaveChangesAsync(ct);
        }, ct);
        Schedule(settings);
    }

    /// <summary>Registers (or moves) the recurring job, in the department's zone.</summary>
    public void Schedule(PeriodicReportSettings settings) => Schedule(recurring, settings,
        new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone) });

    protected abstract void Schedule(IRecurringJobManager jobs, PeriodicReportSettings settings, RecurringJobOptions options);
}
