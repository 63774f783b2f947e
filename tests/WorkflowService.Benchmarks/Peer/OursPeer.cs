using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using WorkflowService.Benchmarks.Runtime;
using WorkflowService.Runtime.Definitions;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Messages;
using WorkflowService.Runtime.Tasks;

namespace WorkflowService.Benchmarks.Peer;

/// <summary>
/// Our service in-process (<see cref="BenchHost"/>: the production composition and settings) with
/// a process deployed for the benchmark: start → intermediate message catch → end. A start and a
/// message are the services the API calls (<see cref="InstanceService.StartAsync"/>, the
/// <see cref="MessageCorrelator"/> by business key); both return after their step has committed,
/// so the settle calls only confirm the count in the database.
/// </summary>
internal sealed class OursPeer : IPeerEngine
{
    public const string Key = "bench-peer";
    public const string MessageName = "peer-event";

    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          id="bench-peer-definitions" targetNamespace="http://workflow.bench">
          <bpmn:process id="bench-peer" name="Benchmark peer workload" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:intermediateCatchEvent id="wait">
              <bpmn:messageEventDefinition messageRef="peerMessage" />
            </bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="done" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
            <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="done" />
          </bpmn:process>
          <bpmn:message id="peerMessage" name="peer-event" />
        </bpmn:definitions>
        """;

    private readonly BenchHost _host;
    private readonly SqliteConnection? _keepAlive;
    private readonly InstanceService _instances;
    private readonly MessageCorrelator _messages;

    private OursPeer(BenchHost host, SqliteConnection? keepAlive, string storage)
    {
        _host = host;
        _keepAlive = keepAlive;
        Storage = storage;
        _instances = host.Get<InstanceService>();
        _messages = host.Get<MessageCorrelator>();
    }

    public string Engine => "WorkflowService";
    public string Storage { get; }

    /// <summary>On the SQLite file the service uses (WAL, its pragmas), in <paramref name="folder"/>.</summary>
    public static Task<OursPeer> StartOnFileAsync(string folder) => StartAsync(folder, null, "SQLite file (WAL)");

    /// <summary>
    /// On a shared-cache in-memory SQLite database: every pooled context opens the same named
    /// database, which lives as long as one connection to it is open; this one is held for the run.
    /// </summary>
    public static async Task<OursPeer> StartInMemoryAsync(string folder)
    {
        var connectionString = $"Data Source=peer-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
        var keepAlive = new SqliteConnection(connectionString);
        await keepAlive.OpenAsync();
        try
        {
            var peer = await StartAsync(folder, keepAlive, "SQLite in memory (shared cache)");
            // Proof that the service's pooled contexts use this database, not a file beside it.
            await using var check = keepAlive.CreateCommand();
            check.CommandText = "SELECT count(*) FROM definitions WHERE \"Key\" = $key";
            check.Parameters.AddWithValue("$key", Key);
            if (Convert.ToInt64(await check.ExecuteScalarAsync(), CultureInfo.InvariantCulture) == 0)
            {
                await peer.DisposeAsync();
                throw new InvalidOperationException("The service did not write to the in-memory database");
            }
            return peer;
        }
        catch
        {
            await keepAlive.DisposeAsync();
            throw;
        }
    }

    private static async Task<OursPeer> StartAsync(string folder, SqliteConnection? keepAlive, string storage)
    {
        var settings = new Dictionary<string, string?>();
        if (keepAlive is not null) settings["Storage:ConnectionString"] = keepAlive.ConnectionString;
        var host = await BenchHost.StartAsync(folder, settings);
        await host.Get<DefinitionService>().DeployAsync(Bpmn, "bench");
        return new OursPeer(host, keepAlive, storage);
    }

    public Task StartAsync(string key) => _instances.StartAsync(Key, key, null, Caller.System);

    public Task SettleStartsAsync(int total, TimeSpan timeout) =>
        Settle.UntilAsync(() => CountAsync(null), total, timeout, "our instances started");

    public Task PublishAsync(string key) => _messages.CorrelateAsync(new MessageRequest(MessageName, BusinessKey: key));

    public Task SettleEndsAsync(int total, TimeSpan timeout) =>
        Settle.UntilAsync(() => CountAsync("Completed"), total, timeout, "our instances ended");

    public Task<int> EndedAsync() => CountAsync("Completed");

    /// <summary>This process's instances in <paramref name="status"/>, or all of them (those of earlier rounds have ended).</summary>
    private async Task<int> CountAsync(string? status)
    {
        await using var db = _host.Db();
        return await db.Instances.CountAsync(i => i.DefinitionKey == Key && (status == null || i.Status == status));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        if (_keepAlive is not null) await _keepAlive.DisposeAsync();
    }
}
