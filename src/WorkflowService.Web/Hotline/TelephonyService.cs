using WorkflowService.AfterSales.Customers;
using WorkflowService.AfterSales.Hotline;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Messages;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tasks;

namespace WorkflowService.Web.Hotline;

/// <summary>
/// Turns the PBX's events into the hotline-call process: <c>ringing</c> starts it (once per
/// call id), <c>answered</c> completes answerCall exactly as an agent's Answer does,
/// <c>ended</c> while it still rings records a missed call. Events that come late or twice
/// change nothing and are not errors: a PBX retries, and an agent may have been first.
/// Used by the webhook and by the admins' phone simulator alike.
/// </summary>
public sealed class TelephonyService(
    InstanceService instances,
    TaskService tasks,
    MessageCorrelator messages,
    CallDesk desk,
    UserManager<WorkflowUser> users,
    IOptions<HotlineOptions> hotline,
    HotlineDuty duty,
    TimeProvider clock,
    ILogger<TelephonyService> logger)
{
    /// <param name="sentBy">Who reports the event: <c>pbx</c>, or the admin using the phone simulator.</param>
    /// <exception cref="ValidationException">A field is missing or malformed.</exception>
    /// <exception cref="NotFoundException">answered or ended for a call that never rang.</exception>
    public async Task<TelephonyResult> HandleAsync(TelephonyEvent received, string sentBy, CancellationToken ct = default)
    {
        var e = CallEvent.Parse(received);
        logger.EventReceived(e.Kind, e.CallId, e.From, e.To, e.At, sentBy);
        return e.Kind switch
        {
            CallEvent.Ringing => await RingingAsync(e, sentBy, ct),
            CallEvent.Answered => await AnsweredAsync(e, ct),
            _ => await EndedAsync(e, sentBy, ct),
        };
    }

    private async Task<TelephonyResult> RingingAsync(CallEvent e, string sentBy, CancellationToken ct)
    {
        var variables = new Dictionary<string, JsonElement>
        {
            ["callId"] = JsonSerializer.SerializeToElement(e.CallId),
            ["from"] = JsonSerializer.SerializeToElement(e.From),
            // The number as the archive compares it: the customer page finds its calls by it (CustomerCalls).
            [CustomerCalls.CallerDigitsVariable] = JsonSerializer.SerializeToElement(CustomerRules.NationalDigits(e.From)),
            ["to"] = JsonSerializer.SerializeToElement(e.To),
            ["ringSeconds"] = JsonSerializer.SerializeToElement(hotline.Value.RingSeconds),
        };
        // Who the call is for is decided once, as it starts ringing, by the duty roster (a repeated event starts nothing).
        HotlineProcess.AddDuty(variables, await duty.ForCallAsync(clock.GetUtcNow(), ct));
        var (instance, started) = await instances.StartOnceAsync(HotlineProcess.Key, e.CallId, variables, sentBy, ct);
        if (started && logger.IsEnabled(LogLevel.Information))
        {
            var forwardedTo = HotlineProcess.Variable(variables, HotlineProcess.ForwardedTo);
            var callBackAt = HotlineProcess.Variable(variables, HotlineProcess.CallBackAt);
            if (callBackAt is not null) logger.Forwarded(e.CallId, instance.Id, forwardedTo ?? "nobody (no forwarding mobile set)", callBackAt);
            else logger.Rings(e.CallId, instance.Id, HotlineProcess.Variable(variables, HotlineProcess.OnDuty) ?? "the hotline group");
        }
        if (!started) return new TelephonyResult(e.CallId, instance.Id, TelephonyResult.AlreadyRinging);
        return new TelephonyResult(e.CallId, instance.Id, TelephonyResult.Started, HotlineProcess.Variable(variables, HotlineProcess.ForwardedTo),
            HotlineProcess.Variable(variables, HotlineProcess.CallBackAt) is { } callBackText
                ? DateTimeOffset.Parse(callBackText, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind)
                : null);
    }

    private async Task<TelephonyResult> AnsweredAsync(CallEvent e, CancellationToken ct)
    {
        var instance = await CallAsync(e.CallId, ct);
        if (await desk.OpenAnswerTaskAsync(instance.Id, ct) is not { } task)
            return new TelephonyResult(e.CallId, instance.Id, TelephonyResult.AlreadyAnswered);
        // The extension that picked up is a user's name when agents log in with their extension; otherwise keep the number.
        var answeredBy = (await users.FindByNameAsync(e.To!))?.UserName ?? $"pbx:{e.To}";
        try
        {
            await tasks.CompleteAsync(Caller.System with { UserName = answeredBy }, task.Id, HotlineProcess.Answered(answeredBy), ct);
        }
        catch (ConflictException ex)
        {
            logger.AnsweredAfterTaken(e.CallId, ex.Message);
            return new TelephonyResult(e.CallId, instance.Id, TelephonyResult.AlreadyAnswered);
        }
        logger.AnsweredAtPbx(e.CallId, instance.Id, task.Id, answeredBy);
        return new TelephonyResult(e.CallId, instance.Id, TelephonyResult.Answered);
    }

    private async Task<TelephonyResult> EndedAsync(CallEvent e, string sentBy, CancellationToken ct)
    {
        var instance = await CallAsync(e.CallId, ct);
        if (await desk.OpenAnswerTaskAsync(instance.Id, ct) is null)
            return new TelephonyResult(e.CallId, instance.Id, TelephonyResult.AlreadyOver);
        try
        {
            await messages.CorrelateAsync(new MessageRequest(HotlineProcess.CallEndedMessage, e.CallId, instance.Id, SentBy: sentBy), ct);
        }
        catch (Exception ex) when (ex is ConflictException or NotFoundException)
        {
            // Answered between our look and the message: the hang-up ends a conversation, not a ringing call.
            logger.EndedAfterTaken(e.CallId, ex.Message);
            return new TelephonyResult(e.CallId, instance.Id, TelephonyResult.AlreadyOver);
        }
        logger.Missed(e.CallId, instance.Id);
        return new TelephonyResult(e.CallId, instance.Id, TelephonyResult.Missed);
    }

    private async Task<InstanceHeader> CallAsync(string callId, CancellationToken ct) =>
        await instances.FindAsync(HotlineProcess.Key, callId, ct)
        ?? throw new NotFoundException($"No call '{callId}' has rung (callId is unknown)");
}
