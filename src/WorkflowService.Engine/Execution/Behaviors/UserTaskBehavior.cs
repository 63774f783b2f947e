using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Execution.Behaviors;

/// <summary>
/// BPMN 2.0 §10.3.3 user task: work a person does. The token waits until the task is completed.
/// Assignment (Camunda extensions: assignee, candidate users and groups), due and follow-up
/// dates and priority are evaluated when the task is created; a failure stops the token as an
/// incident before anything is created. Boundary timers and messages start with the task. The
/// task ends when the host reports it completed, or is withdrawn when the token is interrupted.
/// </summary>
internal sealed class UserTaskBehavior : ActivityBehavior<UserTaskNode>, IHandles<UserTaskCompleted>
{
    public const int DefaultPriority = 50;

    protected override void Enter(StepContext ctx, UserTaskNode node, int tokenId, int scopeId, string? viaFlowId)
    {
        var assignee = Evaluation.String(ctx, node.Assignee, "camunda:assignee");
        var users = Evaluation.List(ctx, node.CandidateUsers, "camunda:candidateUsers");
        var groups = Evaluation.List(ctx, node.CandidateGroups, "camunda:candidateGroups");
        var calendar = node.DueDate is null ? null : WorkingTime.CalendarFor(ctx, node);
        var countFrom = node.DueDate is null ? ctx.Now : WorkingTime.CountFrom(ctx, node);
        var (due, span) = Evaluation.Due(ctx, node.DueDate, "camunda:dueDate", calendar, countFrom);
        var followUp = Evaluation.Date(ctx, node.FollowUpDate, "camunda:followUpDate");
        var priority = Evaluation.Int(ctx, node.Priority, DefaultPriority, "camunda:priority");
        var boundaries = BoundaryEventBehavior.Plan(ctx, node);

        ctx.Emit(new CreateUserTask(tokenId, node.Id, node.Name, assignee, users, groups, due, followUp, priority,
            node.FormKey)
        {
            // A duration counted in working time: the host counts it again when the calendar is edited (a timer's too).
            DueCalendar = span is null ? null : calendar?.Name,
            DueCountFrom = countFrom,
            DueSpan = calendar is null ? null : span,
        });
        Flow.Rest(ctx, new Token(tokenId, node.Id, scopeId, WaitKind.UserTask));
        BoundaryEventBehavior.Arm(ctx, boundaries, tokenId);
    }

    /// <summary>
    /// Completed: the submitted (already validated) form values become process variables; then the
    /// <c>completedByVariable</c> property, if declared, gets the completing user, set after the
    /// values so a client cannot claim someone else did the work. The token leaves.
    /// </summary>
    public void Handle(StepContext ctx, Token token, UserTaskCompleted completed)
    {
        ctx.SetVariables(completed.Variables);
        if (completed.CompletedBy is { } user && ctx.Model.Node(token.ElementId) is UserTaskNode { CompletedByVariable: { Length: > 0 } name })
            ctx.Variables[name] = VariableMap.Value(user);
        Complete(ctx, token, completed.CompletedBy);
    }

    /// <summary>Interrupted: the boundary events stop listening and the task is withdrawn from the task list.</summary>
    public override void Cancel(StepContext ctx, Token token)
    {
        BoundaryEventBehavior.Disarm(ctx, token);
        ctx.Emit(new CancelUserTask(token.Id, token.ElementId));
    }
}
