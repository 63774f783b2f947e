namespace WorkflowService.Web.Tests.Support;

/// <summary>Waits for something the service does in the background (a timer firing), without fixed sleeps.</summary>
public static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Still not there after {timeout}: {value}");
            await Task.Delay(200);
        }
    }
}
