using WorkflowService.Runtime.Notifications.Personal;
using WorkflowService.Web.Localization;

namespace WorkflowService.Web.Notifications;

/// <summary>A notice's sentence in the reader's language, from its kind and data (<c>Notice.task-assigned</c>...).</summary>
public static class NoticeText
{
    public static string KeyOf(string kind) => $"Notice.{kind}";

    public static IEnumerable<string> Keys => PersonalEvents.All.Select(KeyOf).Concat(PersonalEvents.All.Select(e => $"Notice.Event.{e}"));

    /// <summary>"任务已分配给您: 受理请求 (R-100)"; the task's name is already in the reader's language.</summary>
    public static string Title(T t, PersonalNoticeView notice)
    {
        var task = notice.BusinessKey is { Length: > 0 } key ? $"{notice.TaskName} ({key})" : notice.TaskName ?? "";
        return t.Format(KeyOf(notice.Kind), task);
    }
}
