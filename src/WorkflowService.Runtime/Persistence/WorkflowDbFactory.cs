using Microsoft.EntityFrameworkCore;

namespace WorkflowService.Runtime.Persistence;

/// <summary>Creates contexts of whichever provider is configured, typed as the neutral base.</summary>
public sealed class WorkflowDbFactory(Func<WorkflowDbContext> create)
{
    public WorkflowDbContext Create() => create();

    public static WorkflowDbFactory From<TContext>(IDbContextFactory<TContext> factory) where TContext : WorkflowDbContext =>
        new(factory.CreateDbContext);
}
