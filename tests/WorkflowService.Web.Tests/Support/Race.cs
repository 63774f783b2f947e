namespace WorkflowService.Web.Tests.Support;

/// <summary>Sends requests at the same moment: each waits on its own thread for one shared starting signal.</summary>
public static class Race
{
    public static async Task<HttpResponseMessage[]> RunAsync(params Func<Task<HttpResponseMessage>>[] requests)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = requests.Select(request => Task.Run(async () =>
        {
            await start.Task;
            return await request();
        })).ToArray();
        start.SetResult();
        return await Task.WhenAll(running);
    }

    public static int[] Codes(IEnumerable<HttpResponseMessage> responses) =>
        [.. responses.Select(r => (int)r.StatusCode).Order()];
}
