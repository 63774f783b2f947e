using Microsoft.Extensions.Logging;
using WorkflowService.Runtime.Mail;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Notifications.Robots;

/// <summary>
/// Writes <c>robot</c> outbox rows into the caller's transaction: one row per robot per notification, so each
/// robot's message is sent, retried and recorded on its own, and exists exactly when the caller's step commits.
/// The caller hands the returned ids to the outbox dispatcher after commit (a lost hand-over is swept up).
/// </summary>
public sealed class RobotOutbox(RobotDirectory directory, RobotRenderer renderer, ILogger<RobotOutbox> logger)
{
    /// <summary>
    /// The robots subscribed to the notice's event (and, when limited to groups, about one of them), with the
    /// event's own template. Never throws for a template: the breach or warning that raised the notice matters
    /// more than its chat message, so a broken template is logged and the robots get nothing.
    /// </summary>
    /// <param name="template">The template, when not the event's own (a <c>notify</c> task may name one).</param>
    public async Task<IReadOnlyList<Guid>> QueueAsync(WorkflowDbContext db, RobotNotice notice, DateTimeOffset now, CancellationToken ct,
        string? template = null)
    {
        var robots = (await directory.AllAsync(db, ct)).Where(r => r.Wants(notice.Event, notice.Groups)).ToList();
        if (robots.Count == 0) return [];
        template ??= RobotEvents.Template(notice.Event);
        RobotMessage message;
        try
        {
            message = await renderer.RenderAsync(template, notice);
        }
        catch (MailTemplateException ex)
        {
            logger.NoticeNotRendered(notice.Event, notice.InstanceId, ex.Message);
            return [];
        }
        return [.. robots.Select(r => Add(db, r, notice, message, now))];
    }

    /// <summary>One robot, named by a process (the <c>notify</c> topic); the caller has checked the template exists.</summary>
    /// <exception cref="MailTemplateException">The template does not parse.</exception>
    public async Task<Guid> QueueToAsync(WorkflowDbContext db, Robot robot, string template, RobotNotice notice, DateTimeOffset now)
    {
        var message = await renderer.RenderAsync(template, notice);
        return Add(db, robot, notice, message, now);
    }

    private static Guid Add(WorkflowDbContext db, Robot robot, RobotNotice notice, RobotMessage message, DateTimeOffset now)
    {
        var row = new OutboxMessage
        {
            Id = Guid.CreateVersion7(now), InstanceId = notice.InstanceId, Kind = RobotPayload.Kind, CreatedAt = now,
            Status = OutboxStatus.Pending,
            PayloadJson = new RobotPayload
            {
                Robot = robot.Name, Event = notice.Event, Title = message.Title, Markdown = message.Markdown, Link = notice.Link,
            }.Serialize(),
        };
        db.Outbox.Add(row);
        return row.Id;
    }
}
