using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tasks;

namespace WorkflowService.Runtime.Instances;

/// <summary>
/// Who reads which instance (its variables, history, timers): callers that see every instance
/// (<see cref="Caller.SeesAllInstances"/>) see all; anyone else sees the instances they started
/// and those with a task, open or done, that they can see (<see cref="TaskVisibility.VisibleTo"/>).
/// A task shows its instance's variables anyway, so this widens nothing a task does not.
/// </summary>
public static class InstanceVisibility
{
    public static IQueryable<InstanceRecord> VisibleTo(this IQueryable<InstanceRecord> instances, WorkflowDbContext db,
        Caller caller)
    {
        if (caller.SeesAllInstances) return instances;
        var user = caller.UserName;
        var tasks = db.Tasks.VisibleTo(caller);
        if (SystemActors.IsSystem(user)) return instances.Where(i => tasks.Any(t => t.InstanceId == i.Id));
        return instances.Where(i => i.StartedBy == user || tasks.Any(t => t.InstanceId == i.Id));
    }
}
