using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowService.Benchmarks.Runtime;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tasks;

namespace WorkflowService.Benchmarks.Http;

/// <summary>
/// The operations the cells repeat, over one pool of keep-alive connections (<see cref="SocketsHttpHandler"/>,
/// <c>MaxConnectionsPerServer</c> = the number of loops). The starts and completions are those of the <c>runtime</c>
/// suite (RepairWork): the repair process started as a work order starts it, waiting at acceptRequest, which the
/// desk agent completes — through <c>POST /api/instances</c> and <c>POST /api/tasks/{id}/complete</c> with a bearer
/// token, and beside them in-process through the same services with the caller the API would build.
/// </summary>
internal sealed class HttpCells : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly byte[] CompleteBody =
        JsonSerializer.SerializeToUtf8Bytes(new { variables = RepairWork.AcceptForm });
    public static readonly string Facts = JsonSerializer.Serialize(RepairWork.OrderFacts);

    /// <summary>What <c>CallerFactory</c> builds for the desk user (role Agent, group service-desk).</summary>
    private static readonly Caller Desk = new(HttpHost.DeskUser, new HashSet<string> { "service-desk" }, false);

    private readonly HttpHost _host;
    private readonly SocketsHttpHandler _handler;
    private readonly HttpClient _anonymous;
    private readonly HttpClient _signedIn;
    private readonly InstanceService _instances;
    private readonly TaskService _tasks;
    private int _started;

    private HttpCells(HttpHost host, int connections, string token)
    {
        _host = host;
        _handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        _anonymous = new HttpClient(_handler, disposeHandler: false) { BaseAddress = host.Address };
        _signedIn = new HttpClient(_handler, disposeHandler: false) { BaseAddress = host.Address };
        _signedIn.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Token = token;
        _instances = host.Get<InstanceService>();
        _tasks = host.Get<TaskService>();
    }

    /// <summary>The desk user's bearer token (for <c>wrk</c>).</summary>
    public string Token { get; }

    public static async Task<HttpCells> CreateAsync(HttpHost host, int connections)
    {
        using var client = new HttpClient { BaseAddress = host.Address };
        return new HttpCells(host, connections, await host.TokenAsync(client));
    }

    /// <summary>The cells of one round, in the order they run; names are the report's rows.</summary>
    public IReadOnlyList<(string Name, Func<Task<Outcome>> Operation)> Cells(ConcurrentQueue<Guid> restTasks, ConcurrentQueue<Guid> localTasks) =>
    [
        ("static file (1 KB)", () => GetAsync(_anonymous, HttpHost.SmallFile)),
        ("/healthz/live", () => GetAsync(_anonymous, "/healthz/live")),
        ("empty endpoint (benchmark host only)", () => GetAsync(_anonymous, HttpHost.Empty)),
        ("bearer token + access gate, empty", () => GetAsync(_signedIn, HttpHost.SignedIn)),
        ("bearer + gate + caller's groups, empty", () => GetAsync(_signedIn, HttpHost.WithCaller)),
        ("REST start", RestStartAsync),
        ("in-process start", LocalStartAsync),
        ("REST completion", () => RestCompleteAsync(restTasks)),
        ("in-process completion", () => LocalCompleteAsync(localTasks)),
    ];

    private static async Task<Outcome> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
        return response.IsSuccessStatusCode ? Outcome.Done : Outcome.Failed;
    }

    private async Task<Outcome> RestStartAsync()
    {
        var body = $"{{\"definitionKey\":\"{RepairWork.Key}\",\"businessKey\":\"{NextKey()}\",\"variables\":{Facts}}}";
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = Json;
        using var response = await _signedIn.PostAsync("/api/instances", content);
        return response.StatusCode == HttpStatusCode.Created ? Outcome.Done : Outcome.Failed;
    }

    private async Task<Outcome> LocalStartAsync()
    {
        await _instances.StartAsync(RepairWork.Key, NextKey(), RepairWork.OrderFacts, Desk);
        return Outcome.Done;
    }

    private async Task<Outcome> RestCompleteAsync(ConcurrentQueue<Guid> tasks)
    {
        if (!tasks.TryDequeue(out var id)) return Outcome.NothingLeft;
        using var content = new ByteArrayContent(CompleteBody);
        content.Headers.ContentType = Json;
        using var response = await _signedIn.PostAsync($"/api/tasks/{id}/complete", content);
        return response.StatusCode == HttpStatusCode.NoContent ? Outcome.Done : Outcome.Failed;
    }

    private async Task<Outcome> LocalCompleteAsync(ConcurrentQueue<Guid> tasks)
    {
        if (!tasks.TryDequeue(out var id)) return Outcome.NothingLeft;
        await _tasks.CompleteAsync(Desk, id, RepairWork.AcceptForm);
        return Outcome.Done;
    }

    /// <summary>Starts <paramref name="count"/> instances in-process on <paramref name="loops"/> loops, unmeasured: work for the completions.</summary>
    public async Task StockAsync(int count, int loops)
    {
        var left = count;
        await Task.WhenAll(Enumerable.Range(0, loops).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Decrement(ref left) >= 0) await LocalStartAsync();
        })));
    }

    private string NextKey() => $"http-{Interlocked.Increment(ref _started)}";

    /// <summary>The open acceptRequest tasks the start cells made, oldest first: the completion cells' work.</summary>
    public async Task<List<Guid>> OpenTasksAsync()
    {
        await using var db = _host.Db();
        return await db.Tasks.AsNoTracking()
            .Where(t => t.Status == UserTaskStatus.Open && t.ElementId == "acceptRequest" && t.DefinitionKey == RepairWork.Key
                        && t.BusinessKey != null && EF.Functions.Like(t.BusinessKey, "http-%"))
            .OrderBy(t => t.CreatedAt).Select(t => t.Id).ToListAsync();
    }

    public void Dispose()
    {
        _anonymous.Dispose();
        _signedIn.Dispose();
        _handler.Dispose();
    }
}
