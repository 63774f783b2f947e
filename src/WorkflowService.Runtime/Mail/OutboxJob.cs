namespace WorkflowService.Runtime.Mail;

/// <summary>STUB: sends one outbox row; replaced by the mail implementation.</summary>
public sealed class OutboxJob
{
    public Task SendAsync(Guid outboxId, CancellationToken ct) => throw new NotImplementedException();
}
