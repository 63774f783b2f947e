using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowService.Engine.Model;
using WorkflowService.Runtime.Definitions;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Notifications.Personal;

/// <summary>A notice as its person reads it: names already in the reader's language.</summary>
public sealed record PersonalNoticeView(Guid Id, string Kind, Guid InstanceId, Guid TaskId, string DefinitionKey, string? TaskName,
    string? ProcessName, string? BusinessKey, DateTimeOffset? DueAt, string? Actor, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    public string Link => $"/tasks/{TaskId}";
}

/// <summary>One event's channels as the person has them (chosen, or the default when <paramref name="Chosen"/> is false).</summary>
public sealed record NotificationPreferenceView(string Event, bool Email, bool InApp, bool Chosen);

/// <summary>
/// A person's bell and choices. Every method takes the signed-in person's user name and touches only their rows:
/// another person's notice is "not found", exactly like one that does not exist.
/// </summary>
public sealed class PersonalNotificationService(WorkflowDbFactory dbFactory, TransactionRunner transactions, TimeProvider clock,
    IOptions<PersonalNotificationOptions> options)
{
    public const int MaxTake = 200;

    public async Task<IReadOnlyList<PersonalNoticeView>> ListAsync(string user, bool unreadOnly, int take, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        var query = db.PersonalNotifications.AsNoTracking().Where(n => n.UserName == user && n.InApp);
        if (unreadOnly) query = query.Where(n => n.ReadAt == null);
        var rows = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(Math.Clamp(take, 1, MaxTake)).ToListAsync(ct);
        return [.. rows.Select(View)];
    }

    public async Task<int> UnreadCountAsync(string user, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        return await db.PersonalNotifications.CountAsync(n => n.UserName == user && n.InApp && n.ReadAt == null, ct);
    }

    /// <exception cref="NotFoundException">No such notice of this person's.</exception>
    public Task<PersonalNoticeView> MarkReadAsync(string user, Guid id, CancellationToken ct = default) =>
        transactions.RunAsync($"reading notice {id}", async db =>
        {
            var row = await db.PersonalNotifications.SingleOrDefaultAsync(n => n.Id == id && n.UserName == user && n.InApp, ct)
                      ?? throw new NotFoundException($"Notification {id} does not exist or is not yours");
            row.ReadAt ??= clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            return View(row);
        }, ct);

    /// <returns>How many were unread.</returns>
    public Task<int> MarkAllReadAsync(string user, CancellationToken ct = default) =>
        transactions.RunAsync($"reading the notices of {user}", async db =>
        {
            var now = clock.GetUtcNow();
            return await db.PersonalNotifications.Where(n => n.UserName == user && n.ReadAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        }, ct);

    public async Task<IReadOnlyList<NotificationPreferenceView>> PreferencesAsync(string user, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        var chosen = await db.NotificationPreferences.AsNoTracking().Where(p => p.UserName == user).ToListAsync(ct);
        return [.. PersonalEvents.All.Select(e => chosen.Find(p => p.Event == e) is { } p
            ? new NotificationPreferenceView(e, p.Email, p.InApp, true)
            : new NotificationPreferenceView(e, options.Value.DefaultFor(e).Email, options.Value.DefaultFor(e).InApp, false))];
    }

    /// <summary>Stores the person's choice for each event given; events left out keep theirs.</summary>
    /// <exception cref="ValidationException">An event name that does not exist, or one given twice.</exception>
    public async Task<IReadOnlyList<NotificationPreferenceView>> SetPreferencesAsync(string user, IReadOnlyList<NotificationPreferenceView> choices,
        CancellationToken ct = default)
    {
        var errors = choices.Select((c, i) => (c, i)).Where(x => !PersonalEvents.IsKnown(x.c.Event))
            .Select(x => new ValidationError($"preferences[{x.i}].event: '{x.c.Event}' is not one of {string.Join(", ", PersonalEvents.All)}",
                $"preferences[{x.i}].event", "unknown-event")).ToList();
        errors.AddRange(choices.GroupBy(c => c.Event).Where(g => g.Count() > 1)
            .Select(g => new ValidationError($"event '{g.Key}' is given more than once", "preferences", "duplicate")));
        if (errors.Count > 0) throw new ValidationException("Some notification preferences were refused", errors);
        await transactions.RunAsync($"notification preferences of {user}", async db =>
        {
            var rows = await db.NotificationPreferences.Where(p => p.UserName == user).ToListAsync(ct);
            foreach (var choice in choices)
            {
                var row = rows.Find(r => r.Event == choice.Event);
                if (row is null) db.NotificationPreferences.Add(row = new NotificationPreference { UserName = user, Event = choice.Event });
                row.Email = choice.Email;
                row.InApp = choice.InApp;
            }
            await db.SaveChangesAsync(ct);
        }, ct);
        return await PreferencesAsync(user, ct);
    }

    /// <summary>The names in the reader's language (<see cref="ProcessTexts.Language"/>), else as written.</summary>
    private static PersonalNoticeView View(PersonalNotification n)
    {
        var language = ProcessTexts.Language;
        return new PersonalNoticeView(n.Id, n.Kind, n.InstanceId, n.TaskId, n.DefinitionKey, In(n.TaskNamesJson, n.TaskName, language),
            In(n.ProcessNamesJson, n.ProcessName, language), n.BusinessKey, n.DueAt, n.Actor, n.CreatedAt, n.ReadAt);
    }

    private static string? In(string? namesJson, string? written, string? language)
    {
        if (namesJson is null) return written;
        var names = JsonSerializer.Deserialize<Dictionary<string, string>>(namesJson) ?? [];
        // Translations.Pick reads properties named "name:<language>"; the stored names are by language alone.
        return Translations.Pick(names.ToDictionary(p => $"{Translations.Name}:{p.Key}", p => p.Value), Translations.Name, written, language);
    }
}
