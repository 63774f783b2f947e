using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using WorkflowService.Engine.Model;
using WorkflowService.Runtime.Configuration;
using WorkflowService.Runtime.Definitions;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Mail;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Notifications.Personal;

/// <summary>The task a notice is about, with its instance and model (for names in every language and the mail).</summary>
internal sealed record NoticeSubject(TaskRecord Task, InstanceRecord Instance, ProcessModel Model);

/// <summary>
/// Writes personal notices in the caller's transaction: one row per person (its unique key keeps it once-only) and,
/// for those who chose email, an outbox row that <see cref="OutboxJob"/> sends after the commit. Each person's own
/// choice counts, else the configured default. A person who does not exist or is disabled is told nothing.
/// </summary>
public sealed class PersonalNotices(DefinitionCache definitions, IOptions<AppOptions> app, IOptions<PersonalNotificationOptions> options)
{
    /// <summary>
    /// A task the process created with an assignee: tells the assignee, unless they are who moved the process here
    /// (completed the task before it, started the instance) — one's own doing needs no notice.
    /// </summary>
    internal async Task TaskCreatedAsync(StepScope scope, TaskRecord task, CancellationToken ct)
    {
        if (task.Assignee is not { } assignee || assignee == ActorOf(scope)) return;
        await WriteAsync(scope.Db, scope.Effects.Outbox, new NoticeSubject(task, scope.Instance, scope.Model), PersonalEvents.TaskAssigned,
            [assignee], ActorOf(scope), scope.Now, task.Revision, ct);
    }

    /// <summary>
    /// A task handed on (<see cref="Tasks.TaskService.AssignAsync"/>) by <paramref name="actor"/>: tells the new assignee
    /// unless they handed it to themselves. A claim never comes here: taking a task oneself notifies nobody.
    /// </summary>
    /// <param name="outbox">Collects the outbox rows to hand to the sender after the commit.</param>
    public async Task TaskHandedOnAsync(WorkflowDbContext db, TaskRecord task, string actor, DateTimeOffset now, ICollection<Guid> outbox,
        CancellationToken ct)
    {
        if (task.Assignee is not { } assignee || assignee == actor) return;
        var instance = await db.Instances.AsNoTracking().SingleAsync(i => i.Id == task.InstanceId, ct);
        var model = await definitions.GetAsync(db, instance.DefinitionId, ct);
        await WriteAsync(db, outbox, new NoticeSubject(task, instance, model), PersonalEvents.TaskAssigned, [assignee], actor, now,
            task.Revision, ct);
    }

    /// <summary>
    /// Who moved the process in this step: the person whose completion left an element (the latest such row of the
    /// step), else, in the step that starts an instance, its starter; null for a timer, a message or the system.
    /// </summary>
    private static string? ActorOf(StepScope scope) =>
        scope.History.LastOrDefault(h => h.By is not null)?.By
        ?? (scope.Db.Entry(scope.Instance).State == EntityState.Added ? scope.Instance.StartedBy : null);

    /// <returns>The people a notice was written for now (those already told of it are left out).</returns>
    internal async Task<IReadOnlyList<string>> WriteAsync(WorkflowDbContext db, ICollection<Guid> outbox, NoticeSubject subject, string kind,
        IReadOnlyCollection<string> users, string? actor, DateTimeOffset now, int occurrence, CancellationToken ct)
    {
        var names = users.Distinct(StringComparer.Ordinal).ToList();
        var taskId = subject.Task.Id;
        var people = await db.Users.AsNoTracking().Where(u => names.Contains(u.UserName!) && !u.Disabled)
            .Select(u => new { UserName = u.UserName!, u.Email, u.DisplayName }).ToListAsync(ct);
        var chosen = await db.NotificationPreferences.AsNoTracking().Where(p => names.Contains(p.UserName) && p.Event == kind)
            .ToDictionaryAsync(p => p.UserName, p => new ChannelChoice(p.Email, p.InApp), StringComparer.Ordinal, ct);
        var told = await db.PersonalNotifications.AsNoTracking()
            .Where(n => n.TaskId == taskId && n.Kind == kind && n.Occurrence == occurrence && names.Contains(n.UserName))
            .Select(n => n.UserName).ToListAsync(ct);
        var written = new List<string>();
        foreach (var person in people.Where(p => !told.Contains(p.UserName)).OrderBy(p => p.UserName, StringComparer.Ordinal))
        {
            var choice = chosen.GetValueOrDefault(person.UserName) ?? options.Value.DefaultFor(kind);
            if (!choice.Email && !choice.InApp) continue;
            var address = choice.Email ? AddressOf(person.Email, person.DisplayName ?? person.UserName) : null;
            var notice = Notice(subject, kind, person.UserName, actor, now, occurrence, choice.InApp, address is not null);
            db.Add(notice);
            if (address is not null)
            {
                var row = Mail(subject, kind, address, actor, now);
                db.Outbox.Add(row);
                outbox.Add(row.Id);
            }
            written.Add(person.UserName);
        }
        return written;
    }

    /// <summary>
    /// The user name of the row that says "nobody could be told of this" (<see cref="MarkNobodyAsync"/>): no one signs in
    /// under an empty name, so no inbox, bell or count ever shows it.
    /// </summary>
    public const string Nobody = "";

    /// <summary>
    /// Records that a notice of <paramref name="kind"/> found nobody to tell at <paramref name="now"/> (the sweep looks
    /// again after <see cref="DueNoticeSweep.NobodyRecheck"/>), or moves the record's time to now.
    /// </summary>
    internal static async Task MarkNobodyAsync(WorkflowDbContext db, NoticeSubject subject, string kind, DateTimeOffset now, CancellationToken ct)
    {
        var marker = await db.PersonalNotifications.SingleOrDefaultAsync(
            n => n.TaskId == subject.Task.Id && n.Kind == kind && n.UserName == Nobody && n.Occurrence == 0, ct);
        if (marker is not null) marker.CreatedAt = now;
        else db.Add(Notice(subject, kind, Nobody, actor: null, now, occurrence: 0, inApp: false, emailed: false));
    }

    private static PersonalNotification Notice(NoticeSubject s, string kind, string user, string? actor, DateTimeOffset now, int occurrence,
        bool inApp, bool emailed) => new()
    {
        Id = Guid.CreateVersion7(now), UserName = user, Kind = kind, Occurrence = occurrence, InstanceId = s.Instance.Id,
        TaskId = s.Task.Id, DefinitionKey = s.Instance.DefinitionKey, TaskName = s.Task.Name ?? s.Task.ElementId,
        TaskNamesJson = Json(s.Model.TryGetNode(s.Task.ElementId, out var node) ? Translations.Of(node.Properties, Translations.Name) : null),
        ProcessName = s.Model.Name ?? s.Instance.DefinitionKey, ProcessNamesJson = Json(Translations.Of(s.Model.Properties, Translations.Name)),
        BusinessKey = s.Instance.BusinessKey, DueAt = s.Task.DueAt, Actor = actor, InApp = inApp, Emailed = emailed, CreatedAt = now,
    };

    /// <summary>
    /// The mail goes to the person's address, not their user name: the outbox reads a name as a user and a group both,
    /// and a group named like the person (user <c>warehouse</c>, group <c>warehouse</c>) would get their notice too.
    /// </summary>
    private OutboxMessage Mail(NoticeSubject s, string kind, string address, string? actor, DateTimeOffset now)
    {
        var baseUrl = app.Value.BaseUrl.TrimEnd('/');
        var task = MailTask.Of(s.Task, s.Model, baseUrl);
        var payload = new MailPayload
        {
            To = [address], Template = kind, Instance = MailInstance.Of(s.Instance, s.Model), Tasks = [task], Task = task, Link = task.Link,
            Inputs = new Dictionary<string, JsonElement>
            {
                ["event"] = JsonSerializer.SerializeToElement(kind),
                ["actor"] = JsonSerializer.SerializeToElement(actor),
            },
        };
        return new OutboxMessage
        {
            Id = Guid.CreateVersion7(now), InstanceId = s.Instance.Id, Kind = MailPayload.Kind, PayloadJson = payload.Serialize(),
            CreatedAt = now, Status = OutboxStatus.Pending,
        };
    }

    /// <summary>"Name" &lt;address&gt;, or null when the person has no usable address (then only the bell tells them).</summary>
    private static string? AddressOf(string? email, string name)
    {
        if (email is not { Length: > 0 } || !MailboxAddress.TryParse(email, out var parsed)) return null;
        // A line break in a display name would be a header of its own: greet by address then.
        var display = SendEmailHandler.HasLineBreak(name) ? null : name;
        return new MailboxAddress(display, parsed.Address).ToString();
    }

    private static string? Json(IReadOnlyDictionary<string, string>? names) =>
        names is null || names.Count == 0 ? null : JsonSerializer.Serialize(names);
}
