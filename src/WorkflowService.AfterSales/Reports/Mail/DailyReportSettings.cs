using System.Globalization;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.AfterSales.Reports.Mail;

/// <summary>
/// When the daily report leaves (<see cref="At"/>, the department's clock time) and where it goes (<see cref="To"/>,
/// one or more addresses, comma-separated; empty: no report is sent).
/// </summary>
public sealed record DailyReportSettings(TimeOnly At, string To)
{
    public const string DefaultTime = "08:00";

    /// <summary>The addresses of <see cref="To"/>, each once.</summary>
    public IReadOnlyList<string> Recipients =>
        [.. To.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>The Hangfire cron of <see cref="At"/>: that minute every day (the job itself skips days off).</summary>
    public string Cron => string.Create(CultureInfo.InvariantCulture, $"{At.Minute} {At.Hour} * * *");

    public string AtText => At.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Reads <c>HH:mm</c> (24 hours).</summary>
    public static TimeOnly? ReadTime(string? text) =>
        TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null;

    /// <summary>The mailbox list is readable: at least one address, each a plain address (no display names).</summary>
    public static bool IsMailboxList(string? text, out IReadOnlyList<string> addresses)
    {
        addresses = new DailyReportSettings(TimeOnly.MinValue, text ?? "").Recipients;
        return addresses.Count > 0 && addresses.All(a =>
            System.Net.Mail.MailAddress.TryCreate(a, out var parsed) && parsed.Address == a && parsed.DisplayName.Length == 0);
    }
}

/// <summary>
/// The daily report's settings. The defaults come from configuration (<c>Reports:DailyReport:To</c>,
/// <c>Reports:DailyReport:At</c>); what an admin saves on /admin/reports is kept in the audit log (action
/// <see cref="SavedAction"/>, the settings as JSON in its details) — the latest entry wins, and the log says who
/// changed what when, so no table of its own is needed. Saving also moves the recurring job to the new time.
/// </summary>
public sealed class DailyReportSettingsStore(
    WorkflowDbFactory dbFactory,
    TransactionRunner transactions,
    IRecurringJobManager recurring,
    IConfiguration configuration,
    IOptions<AfterSalesOptions> options,
    TimeProvider clock)
{
    public const string Section = "Reports:DailyReport";
    public const string SavedAction = "report.daily-settings";
    public const string Target = "report:daily";

    private sealed record Stored(string At, string To);

    /// <summary>The settings from configuration alone (an unreadable time there falls back to 08:00).</summary>
    public DailyReportSettings Configured => new(
        DailyReportSettings.ReadTime(configuration[$"{Section}:At"]) ?? DailyReportSettings.ReadTime(DailyReportSettings.DefaultTime)!.Value,
        configuration[$"{Section}:To"]?.Trim() ?? "");

    public async Task<DailyReportSettings> GetAsync(CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        var details = await db.Audit.AsNoTracking().Where(a => a.Action == SavedAction && a.Target == Target)
            .OrderByDescending(a => a.Id).Select(a => a.Details).FirstOrDefaultAsync(ct);
        if (details is null) return Configured;
        var stored = JsonSerializer.Deserialize<Stored>(details, JsonSerializerOptions.Web);
        return stored is not null && DailyReportSettings.ReadTime(stored.At) is { } at ? new DailyReportSettings(at, stored.To) : Configured;
    }

    /// <summary>Keeps the settings (an audit entry by <paramref name="actor"/>) and reschedules the job to the new time.</summary>
    public async Task SaveAsync(DailyReportSettings settings, string actor, CancellationToken ct = default)
    {
        await transactions.RunAsync("daily report settings", async db =>
        {
            db.Audit.Add(new AuditRecord
            {
                At = clock.GetUtcNow(), Actor = actor, Action = SavedAction, Target = Target,
                Details = JsonSerializer.Serialize(new Stored(settings.AtText, settings.To), JsonSerializerOptions.Web),
            });
            await db.SaveChangesAsync(ct);
        }, ct);
        Schedule(settings);
    }

    /// <summary>Registers (or moves) the recurring job at the settings' time, in the department's zone.</summary>
    public void Schedule(DailyReportSettings settings) =>
        recurring.AddOrUpdate<DailyReport>(DailyReport.JobId, r => r.RunAsync(CancellationToken.None), settings.Cron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone) });
}
