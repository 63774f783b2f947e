using WorkflowService.Engine.Execution;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Tasks;

namespace WorkflowService.Web.Hotline;

/// <summary>A recent call as the phone simulator lists it.</summary>
/// <param name="State">Ringing, Answered (being logged), Logged, Missed (called back or not yet), or the instance status (Cancelled, Failed).</param>
/// <param name="ThreeRingsAt">While it rings: when the three-rings rule breaks.</param>
/// <param name="Breached">The three-rings rule was broken for this call.</param>
/// <param name="ForwardedTo">Outside working time: the mobile the call was forwarded to (呼叫转移).</param>
/// <param name="CallBackAt">Outside working time: when its call-back opens (the next working period).</param>
public sealed record PhoneCall(Guid InstanceId, string CallId, string? From, string? To, DateTimeOffset StartedAt, string State,
    string? AnsweredBy, DateTimeOffset? ThreeRingsAt, bool Breached, string? ForwardedTo = null, DateTimeOffset? CallBackAt = null);

/// <summary>
/// Reads the recent hotline calls with what became of each, for the phone simulator (admins: every call):
/// the calls with their state and timers, and which of them broke the three-rings rule, whatever their number.
/// </summary>
public sealed class PhoneCalls(InstanceService instances, InstanceCatalog catalog)
{
    public const string ThreeRingsRule = "three-rings";

    public async Task<IReadOnlyList<PhoneCall>> RecentAsync(int take, CancellationToken ct)
    {
        var views = await instances.ListViewsAsync(HotlineProcess.Key, null, 0, take, Caller.System, ct);
        var breached = await catalog.BreachedAsync([.. views.Select(v => v.Instance.Id)], ThreeRingsRule, ct);
        return [.. views.Select(view => Describe(view, breached.Contains(view.Instance.Id)))];
    }

    private static PhoneCall Describe(InstanceView view, bool breached)
    {
        var call = view.Instance;
        var vars = view.State.Variables;
        var answeredBy = HotlineProcess.Variable(vars, HotlineProcess.AnsweredBy);
        var active = view.ActiveElementIds;
        var callBackAt = HotlineProcess.Variable(vars, HotlineProcess.CallBackAt) is { } text
                         && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var at)
            ? at
            : (DateTimeOffset?)null;
        var state = callBackAt is not null && call.Status is not ("Cancelled" or "Failed") ? "Forwarded"
            : active.Contains(HotlineProcess.AnswerTask) ? "Ringing"
            : active.Contains(HotlineProcess.LogTask) ? "Answered"
            // A missed call stays missed while its call-back is open (versions before the call-back ended at once).
            : active.Contains(HotlineProcess.CallBackTask) ? "Missed"
            : call.Status != InstanceStatus.Completed.Name ? call.Status
            : answeredBy is null ? "Missed" : "Logged";
        var threeRings = view.PendingTimers.FirstOrDefault(t => t.SlaRule == ThreeRingsRule)?.DueAt;
        return new PhoneCall(call.Id, call.BusinessKey ?? "", HotlineProcess.Variable(vars, "from"), HotlineProcess.Variable(vars, "to"),
            call.StartedAt, state, answeredBy, threeRings, breached, HotlineProcess.Variable(vars, HotlineProcess.ForwardedTo), callBackAt);
    }
}
