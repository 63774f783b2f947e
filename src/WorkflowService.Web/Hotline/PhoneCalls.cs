using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Tasks;

namespace WorkflowService.Web.Hotline;

/// <summary>A recent call as the phone simulator lists it.</summary>
/// <param name="State">Ringing, Answered (being logged), Logged, Missed, or the instance status (Cancelled, Failed).</param>
/// <param name="ThreeRingsAt">While it rings: when the three-rings rule breaks.</param>
/// <param name="Breached">The three-rings rule was broken for this call.</param>
public sealed record PhoneCall(Guid InstanceId, string CallId, string? From, string? To, DateTimeOffset StartedAt, string State,
    string? AnsweredBy, DateTimeOffset? ThreeRingsAt, bool Breached);

/// <summary>Reads the recent hotline calls with what became of each, for the phone simulator (admins: every call).</summary>
public sealed class PhoneCalls(InstanceService instances)
{
    public const string ThreeRingsRule = "three-rings";

    public async Task<IReadOnlyList<PhoneCall>> RecentAsync(int take, CancellationToken ct)
    {
        var records = await instances.ListAsync(HotlineProcess.Key, null, 0, take, Caller.System, ct);
        var breached = (await instances.BreachesAsync(null, ThreeRingsRule, 0, 1000, ct)).Select(b => b.InstanceId).ToHashSet();
        var calls = new List<PhoneCall>();
        foreach (var record in records)
        {
            var view = await instances.GetAsync(record.Id, Caller.System, ct);
            var vars = view.State.Variables;
            var answeredBy = HotlineProcess.Variable(vars, HotlineProcess.AnsweredBy);
            var active = view.ActiveElementIds;
            var state = active.Contains(HotlineProcess.AnswerTask) ? "Ringing"
                : active.Contains(HotlineProcess.LogTask) ? "Answered"
                : record.Status != "Completed" ? record.Status
                : answeredBy is null ? "Missed" : "Logged";
            var threeRings = view.PendingTimers.FirstOrDefault(t => t.SlaRule == ThreeRingsRule)?.DueAt;
            calls.Add(new PhoneCall(record.Id, record.BusinessKey ?? "", HotlineProcess.Variable(vars, "from"), HotlineProcess.Variable(vars, "to"), record.StartedAt, state,
                answeredBy, threeRings, breached.Contains(record.Id)));
        }
        return calls;
    }
}
