using System.Net.Http.Json;
using System.Text.Json;

namespace WorkflowService.Web.Tests.Durability;

public enum StepKind { Start, Completion }

/// <summary>What a client knows of one write it sent: acknowledged (2xx read), refused (another status) or still in flight.</summary>
public enum StepOutcome { InFlight, Acknowledged, Refused }

/// <summary>One REST write: a start (its business key; the instance id once acknowledged) or the completion of a task.</summary>
public sealed class SentStep(StepKind kind, string businessKey, Guid? instanceId = null, Guid? taskId = null)
{
    public StepKind Kind { get; } = kind;
    public string BusinessKey { get; } = businessKey;
    public Guid? InstanceId { get; set; } = instanceId;
    public Guid? TaskId { get; } = taskId;
    public StepOutcome Outcome { get; set; }
    public string? Refusal { get; set; }

    public override string ToString() => $"{Kind} {BusinessKey} (instance {InstanceId}, task {TaskId}): {Outcome} {Refusal}";
}

/// <summary>
/// Concurrent REST clients, each starting an instance (a unique business key), reading its task and completing it,
/// over and over, writing down every write before it is sent and its outcome when the answer is read. Stops when
/// the service stops answering (killed). At the kill point — an acknowledgement once at least <c>killAfter</c> writes
/// are acknowledged and at least one other write is in flight — <c>kill</c> runs on the spot, on the thread that read
/// the acknowledgement (no hop to another thread), so that a write acknowledged before its commit would still be
/// uncommitted when the service dies; then <see cref="KillPoint"/> completes.
/// </summary>
public sealed class StepLoad(string definitionKey, string firstTask, int killAfter, Action kill)
{
    private readonly Lock _gate = new();
    private readonly List<SentStep> _steps = [];
    private readonly TaskCompletionSource _killPoint = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _acknowledged;
    private int _inFlight;
    private volatile bool _stopped;

    public Task KillPoint => _killPoint.Task;

    /// <summary>Writes in flight when the kill point was reached (besides the one whose acknowledgement reached it).</summary>
    public int InFlightAtKillPoint { get; private set; }

    public IReadOnlyList<SentStep> Steps
    {
        get
        {
            lock (_gate) return [.. _steps];
        }
    }

    /// <summary>Runs one client per <see cref="HttpClient"/> until the kill point or until the service stops answering.</summary>
    public Task RunAsync(IReadOnlyList<HttpClient> clients, string keyPrefix) =>
        Task.WhenAll(clients.Select((http, i) => Task.Run(() => ClientAsync(http, $"{keyPrefix}-{i}"))));

    private async Task ClientAsync(HttpClient http, string keyPrefix)
    {
        for (var n = 0; !_stopped; n++)
        {
            var start = Begin(new SentStep(StepKind.Start, $"{keyPrefix}-{n}"));
            if (await SendAsync(start, () => http.PostAsJsonAsync("/api/instances", new { definitionKey, businessKey = start.BusinessKey }))
                is not { } created) return;
            var instanceId = created.GetProperty("id").GetGuid();
            lock (_gate) start.InstanceId = instanceId;
            if (_stopped || await TaskIdAsync(http, instanceId) is not { } taskId) return;
            var completion = Begin(new SentStep(StepKind.Completion, start.BusinessKey, instanceId, taskId));
            if (await SendAsync(completion, () => http.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { })) is null) return;
        }
    }

    private async Task<Guid?> TaskIdAsync(HttpClient http, Guid instanceId)
    {
        try
        {
            var tasks = await http.GetFromJsonAsync<JsonElement>($"/api/tasks?instanceId={instanceId}");
            return tasks.EnumerateArray().Single(t => t.GetProperty("elementId").GetString() == firstTask).GetProperty("id").GetGuid();
        }
        catch (Exception e) when (IsConnectionLost(e))
        {
            return null;
        }
    }

    private SentStep Begin(SentStep step)
    {
        lock (_gate)
        {
            _steps.Add(step);
            _inFlight++;
        }
        return step;
    }

    /// <summary>Sends a write; returns its JSON body (or an empty element) when acknowledged, null when refused or cut off.</summary>
    private async Task<JsonElement?> SendAsync(SentStep step, Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            using var response = await send();
            var body = await response.Content.ReadAsStringAsync();
            lock (_gate)
            {
                _inFlight--;
                if (!response.IsSuccessStatusCode)
                {
                    (step.Outcome, step.Refusal) = (StepOutcome.Refused, $"{(int)response.StatusCode} {body}");
                    return null;
                }
                step.Outcome = StepOutcome.Acknowledged;
                if (++_acknowledged >= killAfter && _inFlight > 0 && !_killPoint.Task.IsCompleted)
                {
                    InFlightAtKillPoint = _inFlight;
                    kill();
                    _stopped = true;
                    _killPoint.SetResult();
                }
            }
            return body.Length == 0 ? default(JsonElement) : JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (Exception e) when (IsConnectionLost(e))
        {
            return null; // the outcome stays InFlight: the service may or may not have written it
        }
    }

    private static bool IsConnectionLost(Exception e) => e is HttpRequestException or IOException or TaskCanceledException;
}
