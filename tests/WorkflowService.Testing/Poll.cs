namespace WorkflowService.Testing;

/// <summary>
/// Waits for something another thread does (a Hangfire worker, an SMTP session): checks the
/// condition every few milliseconds and gives up after a deadline, instead of sleeping a fixed time.
/// </summary>
public static class Poll
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out after {timeout ?? DefaultTimeout} waiting until {what}");
            await Task.Delay(25);
        }
    }

    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(condition()), what, timeout);

    /// <summary>Polls <paramref name="read"/> until <paramref name="accept"/> holds and returns the accepted value.</summary>
    public static async Task<T> ForAsync<T>(Func<Task<T>> read, Func<T, bool> accept, string what, TimeSpan? timeout = null)
    {
        var value = default(T)!;
        await UntilAsync(async () => accept(value = await read()), what, timeout);
        return value;
    }
}
