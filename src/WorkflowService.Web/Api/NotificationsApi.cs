using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowService.Runtime.Notifications.Personal;
using WorkflowService.Web.Localization;
using WorkflowService.Web.Notifications;

namespace WorkflowService.Web.Api;

/// <param name="Title">The notice in the reader's language (Accept-Language), e.g. "有一项任务分配给您: 受理请求 (R-100)".</param>
/// <param name="Link">The task's page.</param>
public sealed record NotificationDto(Guid Id, string Kind, string Title, Guid InstanceId, Guid TaskId, string? TaskName, string? ProcessName,
    string? BusinessKey, DateTimeOffset? DueAt, string? Actor, string Link, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    public static NotificationDto From(PersonalNoticeView n, T t) => new(n.Id, n.Kind, NoticeText.Title(t, n), n.InstanceId, n.TaskId,
        n.TaskName, n.ProcessName, n.BusinessKey, n.DueAt, n.Actor, n.Link, n.CreatedAt, n.ReadAt);
}

/// <summary>How many notices were marked read.</summary>
public sealed record ReadAllResult(int Marked);

/// <param name="Event"><c>task-assigned</c>, <c>task-due-soon</c> or <c>task-overdue</c>.</param>
/// <param name="Chosen">False: the person has not chosen, these are the configured defaults.</param>
public sealed record NotificationPreferenceDto(string Event, bool Email, bool InApp, bool Chosen = false);

/// <summary>One event's channels as sent; a channel left out is off.</summary>
public sealed record NotificationPreferenceChoice(string? Event, bool? Email, bool? InApp);

public sealed record NotificationPreferencesRequest(List<NotificationPreferenceChoice>? Preferences);

/// <summary>
/// The caller's own notifications (the bell) and channel choices. Only ever the caller's: another person's notice is a
/// 404 like one that does not exist, never a 403 that confirms it.
/// </summary>
public static class NotificationsApi
{
    public static void MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/notifications").WithTags("Notifications").RequireSignedIn();
        api.MapGet("/", ListAsync).Refuses(StatusCodes.Status400BadRequest).WithSummary("The caller's in-app notifications, newest first (unread=true: only the unread)");
        api.MapPost("/{id:guid}/read", ReadAsync).Refuses(StatusCodes.Status404NotFound)
            .WithSummary("Marks one of the caller's notifications read; 404 for any other");
        api.MapPost("/read-all", ReadAllAsync).WithSummary("Marks every notification of the caller read");
        var me = app.MapGroup("/api/me/notification-preferences").WithTags("Notifications").RequireSignedIn();
        me.MapGet("/", PreferencesAsync).WithSummary("For each event, whether the caller is told by email and/or in-app");
        me.MapPut("/", SetPreferencesAsync).ReadsJson()
            .WithSummary("Sets the caller's channels for the events given; 400 names an unknown event");
    }

    private static async Task<Ok<List<NotificationDto>>> ListAsync(bool? unread, int? take, PersonalNotificationService notices, T t,
        HttpContext http, CancellationToken ct) =>
        TypedResults.Ok((await notices.ListAsync(http.User.UserName(), unread ?? false, take ?? 50, ct)).Select(n => NotificationDto.From(n, t)).ToList());

    private static async Task<Ok<NotificationDto>> ReadAsync(Guid id, PersonalNotificationService notices, T t, HttpContext http,
        CancellationToken ct) =>
        TypedResults.Ok(NotificationDto.From(await notices.MarkReadAsync(http.User.UserName(), id, ct), t));

    private static async Task<Ok<ReadAllResult>> ReadAllAsync(PersonalNotificationService notices, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(new ReadAllResult(await notices.MarkAllReadAsync(http.User.UserName(), ct)));

    private static async Task<Ok<List<NotificationPreferenceDto>>> PreferencesAsync(PersonalNotificationService notices, HttpContext http,
        CancellationToken ct) =>
        TypedResults.Ok(Dtos(await notices.PreferencesAsync(http.User.UserName(), ct)));

    private static async Task<Ok<List<NotificationPreferenceDto>>> SetPreferencesAsync(NotificationPreferencesRequest request,
        PersonalNotificationService notices, HttpContext http, CancellationToken ct)
    {
        var choices = (request.Preferences ?? []).Select(p => new NotificationPreferenceView(p.Event ?? "", p.Email ?? false, p.InApp ?? false, true)).ToList();
        return TypedResults.Ok(Dtos(await notices.SetPreferencesAsync(http.User.UserName(), choices, ct)));
    }

    private static List<NotificationPreferenceDto> Dtos(IEnumerable<NotificationPreferenceView> views) =>
        [.. views.Select(v => new NotificationPreferenceDto(v.Event, v.Email, v.InApp, v.Chosen))];
}
