using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowService.Runtime.Configuration;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Mail;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Staff;

namespace WorkflowService.Runtime.Calendars;

/// <summary>
/// Every day in December (a Hangfire recurring job): when the <c>default</c> calendar lacks next
/// year's official schedule (or this year's), mails the admins, once a year. The send is recorded
/// in the audit log in the same transaction as the outbox row, so a second run, another node or a
/// retried job finds it and sends nothing; the mail itself goes through the outbox like every other.
/// </summary>
public sealed class ScheduleReminder(
    CalendarStore store,
    TransactionRunner transactions,
    IOutboxDispatcher outbox,
    TimeProvider clock,
    IOptions<AppOptions> app,
    ILogger<ScheduleReminder> logger)
{
    public const string JobId = "calendar-schedule-reminder";
    public const string Template = "calendar-schedule-missing";
    public const string MailedAction = "calendar.reminder-mailed";

    /// <summary>Nine in the morning, every day of December, in <c>App:TimeZone</c>.</summary>
    public static void Schedule(IRecurringJobManager recurring, TimeZoneInfo zone) =>
        recurring.AddOrUpdate<ScheduleReminder>(JobId, r => r.RunAsync(CancellationToken.None), "0 9 * 12 *",
            new RecurringJobOptions { TimeZone = zone });

    /// <returns>Whether a reminder was queued now.</returns>
    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(JobId, 60)]
    public async Task<bool> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (TimeZoneInfo.ConvertTime(now, app.Value.Zone).Month != 12) return false;
        var stored = await store.FindStoredAsync(CalendarNames.Default, ct);
        var missing = stored is null ? [] : MissingYears.Of(stored.Definition, now, store.FallbackTimeZone);
        if (missing.Count == 0) return false;
        // Once per year: the year the reminder is about is next year (December's own question).
        var reminderYear = missing[^1];
        var target = $"calendar:{CalendarNames.Default}";
        var marker = reminderYear.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var years = string.Join(", ", missing);

        var queued = await transactions.RunAsync(JobId, async db =>
        {
            if (await db.Audit.AnyAsync(a => a.Action == MailedAction && a.Target == target && a.Details == marker, ct)) return (Guid?)null;
            var admins = await AdminsAsync(db, ct);
            if (admins.Count == 0) return null;
            var payload = new MailPayload
            {
                To = admins,
                Template = Template,
                Instance = new MailInstance(Guid.Empty, target, 0, null, "Business calendar / 工作日历"),
                Inputs = new Dictionary<string, JsonElement>
                {
                    ["calendar"] = JsonSerializer.SerializeToElement(CalendarNames.Default),
                    ["years"] = JsonSerializer.SerializeToElement(years),
                },
                Link = $"{app.Value.BaseUrl.TrimEnd('/')}/admin/calendars/{CalendarNames.Default}",
            };
            var row = new OutboxMessage
            {
                Id = Guid.CreateVersion7(now), Kind = MailPayload.Kind, PayloadJson = payload.Serialize(), CreatedAt = now,
                Status = OutboxStatus.Pending,
            };
            db.Outbox.Add(row);
            db.Audit.Add(new AuditRecord { At = now, Actor = CalendarStore.SystemActor, Action = MailedAction, Target = target, Details = marker });
            await db.SaveChangesAsync(ct);
            logger.ReminderQueued(years, CalendarNames.Default, admins.Count);
            return row.Id;
        }, ct);
        if (queued is not { } id) return false;
        outbox.Dispatch(id);
        return true;
    }

    /// <summary>The enabled admins' user names (the outbox resolves their addresses when the mail leaves).</summary>
    private static async Task<List<string>> AdminsAsync(WorkflowDbContext db, CancellationToken ct) =>
        await (from user in db.Users
               join link in db.UserRoles on user.Id equals link.UserId
               join role in db.Roles on link.RoleId equals role.Id
               where role.Name == StaffRoles.Admin && !user.Disabled
               orderby user.UserName
               select user.UserName!).ToListAsync(ct);
}
