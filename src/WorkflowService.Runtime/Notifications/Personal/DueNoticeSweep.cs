using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowService.Runtime.Definitions;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Notifications.Personal;

/// <summary>
/// Every minute (a Hangfire recurring job): tells people of their open tasks that came within
/// <c>Notifications:Personal:DueSoonLead</c> of their due time (task-due-soon) or passed it (task-overdue), once each.
/// "Their" tasks: the assignee's; an unclaimed task's candidate users and the enabled members of its candidate groups
/// (everyone whose inbox offers it; whoever takes it is then the one who knows). A task already overdue when first seen
/// is only overdue, never due soon as well. The run takes a cluster lock in its transaction and skips anyone already
/// told (the unique key backs it up), so a second node or a rerun writes nothing twice.
/// </summary>
public sealed class DueNoticeSweep(
    TransactionRunner transactions,
    DefinitionCache definitions,
    PersonalNotices notices,
    IOutboxDispatcher outbox,
    IPersonalNoticePusher pusher,
    TimeProvider clock,
    IOptions<PersonalNotificationOptions> options,
    ILogger<DueNoticeSweep> logger)
{
    public const string JobId = "personal-due-notices";

    /// <summary>Tasks overdue for longer than this are not announced: the first run after an upgrade must not flood everyone.</summary>
    public static readonly TimeSpan OverdueHorizon = TimeSpan.FromDays(7);

    /// <summary>
    /// Tasks looked at per kind and run; the next minute takes the rest. Kept small: the run holds the write turn (on
    /// SQLite every step waits for it), and a first run after an upgrade may find many tasks at once.
    /// </summary>
    private const int Batch = 200;

    /// <summary>
    /// How long a task with nobody to tell (its assignee disabled, its groups without enabled members, everyone opted
    /// out) is left before it is looked at again. Without the wait it is read every minute, and 200 such tasks ahead in
    /// due order would keep every later task's notice from being written.
    /// </summary>
    public static readonly TimeSpan NobodyRecheck = TimeSpan.FromHours(1);

    public static void Schedule(IRecurringJobManager recurring) =>
        recurring.AddOrUpdate<DueNoticeSweep>(JobId, s => s.RunAsync(CancellationToken.None), Cron.Minutely());

    /// <returns>How many notices were written.</returns>
    [AutomaticRetry(Attempts = 0)] // the next minute's run is the retry
    [DisableConcurrentExecution(JobId, 60)]
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var lead = options.Value.Lead ?? TimeSpan.FromHours(2);
        var mails = new List<Guid>();
        var people = new HashSet<string>(StringComparer.Ordinal);
        var written = await transactions.RunAsync(JobId, async db =>
        {
            mails.Clear();
            people.Clear();
            await ClusterLock.ForTransactionAsync(db, JobId, ct);
            var count = await SweepAsync(db, PersonalEvents.TaskOverdue, now - OverdueHorizon, now, now, mails, people, ct);
            count += await SweepAsync(db, PersonalEvents.TaskDueSoon, now, now + lead, now, mails, people, ct);
            await db.SaveChangesAsync(ct);
            return count;
        }, ct);
        foreach (var id in mails) outbox.Dispatch(id);
        if (written > 0)
        {
            logger.DueNoticesWritten(written, people.Count);
            await PushAsync(people, ct);
        }
        return written;
    }

    /// <summary>Open tasks due in (<paramref name="from"/>, <paramref name="to"/>]; overdue: due at or before now.</summary>
    private async Task<int> SweepAsync(WorkflowDbContext db, string kind, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now,
        List<Guid> mails, HashSet<string> people, CancellationToken ct)
    {
        var open = UserTaskStatus.Open.Name;
        var tasks = await db.Tasks.AsNoTracking().Include(t => t.Candidates)
            .Where(t => t.Status == open && t.DueAt != null && t.DueAt > from && t.DueAt <= to)
            // Not yet told anyone of this kind: a task everybody has heard of is not read again every minute; nor one found
            // with nobody to tell (its marker) within the last NobodyRecheck.
            .Where(t => !db.PersonalNotifications.Any(n => n.TaskId == t.Id && n.Kind == kind
                                                          && (n.UserName != PersonalNotices.Nobody || n.CreatedAt > now - NobodyRecheck)))
            .OrderBy(t => t.DueAt).Take(Batch).ToListAsync(ct);
        var count = 0;
        foreach (var task in tasks)
        {
            var instance = await db.Instances.AsNoTracking().SingleAsync(i => i.Id == task.InstanceId, ct);
            var model = await definitions.GetAsync(db, instance.DefinitionId, ct);
            var subject = new NoticeSubject(task, instance, model);
            var told = await notices.WriteAsync(db, mails, subject, kind, await AudienceAsync(db, task, ct), actor: null, now, occurrence: 0, ct);
            if (told.Count == 0) await PersonalNotices.MarkNobodyAsync(db, subject, kind, now, ct);
            people.UnionWith(told);
            count += told.Count;
        }
        return count;
    }

    /// <summary>The assignee; else the candidate users and the members of the candidate groups.</summary>
    private static async Task<IReadOnlyCollection<string>> AudienceAsync(WorkflowDbContext db, TaskRecord task, CancellationToken ct)
    {
        if (task.Assignee is { } assignee) return [assignee];
        var users = task.Candidates.Where(c => c.Kind == TaskCandidate.User).Select(c => c.Name).ToList();
        var groups = task.Candidates.Where(c => c.Kind == TaskCandidate.Group).Select(c => c.Name).ToList();
        if (groups.Count > 0)
            users.AddRange(await db.GroupMembers.AsNoTracking().Where(m => groups.Contains(m.GroupName)).Select(m => m.UserName).ToListAsync(ct));
        return users;
    }

    private async Task PushAsync(HashSet<string> users, CancellationToken ct)
    {
        try
        {
            await pusher.PushAsync(users, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The rows are committed: the bell shows them at the next page or reconnect.
            logger.PushFailed(ex, users.Count);
        }
    }
}
