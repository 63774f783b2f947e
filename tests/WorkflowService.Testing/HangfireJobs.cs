using Hangfire;

namespace WorkflowService.Testing;

/// <summary>What a test host's Hangfire holds, and waiting for it to have done everything.</summary>
public static class HangfireJobs
{
    /// <summary>What Hangfire holds right now, for a failure message.</summary>
    public static string Describe(JobStorage storage)
    {
        var monitor = storage.GetMonitoringApi();
        static string Name(Hangfire.Common.Job? job) => job is null ? "?" : $"{job.Type.Name}.{job.Method.Name}({string.Join(",", job.Args)})";
        return string.Join("; ", [
            .. monitor.ProcessingJobs(0, 20).Select(j => $"processing {Name(j.Value.Job)} since {j.Value.StartedAt:O}"),
            .. monitor.Queues().SelectMany(q => monitor.EnqueuedJobs(q.Name, 0, 20)).Select(j => $"enqueued {Name(j.Value.Job)} in state {j.Value.State}"),
            .. monitor.ScheduledJobs(0, 20).Select(j => $"scheduled {Name(j.Value.Job)} at {j.Value.EnqueueAt:O}"),
            .. monitor.FailedJobs(0, 20).Select(j => $"failed {Name(j.Value.Job)}: {j.Value.ExceptionType}: {j.Value.ExceptionMessage}"),
            .. monitor.SucceededJobs(0, 20).Select(j => $"succeeded {Name(j.Value.Job)}"),
        ]);
    }

    /// <summary>Waits until Hangfire has no job waiting or running: whatever was handed over has been done.</summary>
    public static Task WaitForIdleAsync(JobStorage storage)
    {
        var monitor = storage.GetMonitoringApi();
        return Poll.UntilAsync(() => monitor.ProcessingCount() == 0 && monitor.Queues().All(q => q.Length == 0 && (q.Fetched ?? 0) == 0),
            "Hangfire has run every enqueued job");
    }
}
