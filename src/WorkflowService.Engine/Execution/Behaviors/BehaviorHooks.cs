namespace WorkflowService.Engine.Execution.Behaviors;

// Optional hooks of an ElementBehavior whose tokens rest at its node. The engine's shared code
// (EventHandlers, Flow, Cancellation) finds the behavior of the token's node and calls the hook;
// it never decides what an element type does itself.

/// <summary>A wait state: a token rests at the element and can end there without completing.</summary>
internal interface ICancellable
{
    /// <summary>
    /// The resting token ends without completing (interrupted by a boundary event, a terminate end
    /// event or an error, or the instance is cancelled): withdraw what it waits on, with commands.
    /// Called after the token is removed and before its interrupted leave is recorded.
    /// </summary>
    void Cancel(StepContext ctx, Token token);
}

/// <summary>A wait state whose token owns timer and message waits and moves when one happens.</summary>
internal interface ISubscriptionOwner
{
    /// <summary>The timer or message of <paramref name="fired"/> happened; it is no longer in the state.</summary>
    void Fired(StepContext ctx, Token owner, Subscription fired);
}

/// <summary>An element that runs a scope of its own while its token waits (an embedded subprocess).</summary>
internal interface IScopeHost
{
    /// <summary>The last token inside <paramref name="scope"/> ended: the scope is done and its host goes on.</summary>
    void ScopeCompleted(StepContext ctx, ScopeInstance scope);
}

/// <summary>A wait state moved by an event the host sends for the token (its work item).</summary>
internal interface IHandles<in TEvent> where TEvent : InstanceEvent
{
    void Handle(StepContext ctx, Token token, TEvent e);
}
