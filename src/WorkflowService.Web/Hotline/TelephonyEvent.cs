using System.Globalization;
using WorkflowService.Runtime.Instances;

namespace WorkflowService.Web.Hotline;

/// <summary>What the PBX reports about a call: <c>ringing</c>, <c>answered</c> (at extension <c>to</c>) or <c>ended</c>.</summary>
public sealed record TelephonyEvent(string? CallId, string? Event, string? From, string? To, string? At);

/// <summary>A checked event: the kind is known and the fields that kind needs are present.</summary>
public sealed record CallEvent(string CallId, string Kind, string? From, string? To, DateTimeOffset? At)
{
    public const string Ringing = "ringing";
    public const string Answered = "answered";
    public const string Ended = "ended";

    private static readonly string[] Kinds = [Ringing, Answered, Ended];

    /// <summary>Checks every field at once, so one 400 names all that is wrong.</summary>
    /// <exception cref="ValidationException">Names each refused field.</exception>
    public static CallEvent Parse(TelephonyEvent e)
    {
        var errors = new List<ValidationError>();
        var callId = Text(e.CallId, "callId", 100, required: true, errors);
        var kind = e.Event?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(kind)) errors.Add(new ValidationError("event is required", "event", "required"));
        else if (!Kinds.Contains(kind))
            errors.Add(new ValidationError($"event must be one of {string.Join(", ", Kinds)}", "event", "enum"));
        var from = Text(e.From, "from", 50, required: kind == Ringing, errors);
        var to = Text(e.To, "to", 100, required: kind is Ringing or Answered, errors);
        DateTimeOffset? at = null;
        if (!string.IsNullOrWhiteSpace(e.At))
        {
            if (DateTimeOffset.TryParse(e.At, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)) at = parsed;
            else errors.Add(new ValidationError("at must be an ISO 8601 date and time, e.g. 2026-03-02T09:15:00+08:00", "at", "format"));
        }
        if (errors.Count > 0) throw new ValidationException("The telephony event was refused", errors);
        return new CallEvent(callId!, kind!, from, to, at);
    }

    private static string? Text(string? value, string field, int maxLength, bool required, List<ValidationError> errors)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required) errors.Add(new ValidationError($"{field} is required", field, "required"));
            return null;
        }
        if (text.Length > maxLength)
            errors.Add(new ValidationError($"{field} is longer than {maxLength} characters", field, "maxlength", Argument: $"{maxLength}"));
        else if (text.Any(char.IsControl))
            errors.Add(new ValidationError($"{field} contains control characters", field, "format"));
        return text;
    }
}

/// <summary>What a telephony event did.</summary>
/// <param name="ForwardTo">A new call outside working time with nobody on duty: the duty roster's forwarding mobile
/// (呼叫转移), where the PBX should put the call through; null otherwise.</param>
/// <param name="CallBackAt">Such a call: when its call-back opens (the start of the next working period).</param>
public sealed record TelephonyResult(string CallId, Guid InstanceId, string Outcome, string? ForwardTo = null, DateTimeOffset? CallBackAt = null)
{
    /// <summary>A new call: the hotline-call instance was started.</summary>
    public const string Started = "started";

    /// <summary>A repeated ringing: the call already has its instance.</summary>
    public const string AlreadyRinging = "alreadyRinging";
    public const string Answered = "answered";

    /// <summary>Somebody (an agent or an earlier event) answered first, or the call is over: nothing changed.</summary>
    public const string AlreadyAnswered = "alreadyAnswered";

    /// <summary>The caller hung up while it rang: the call is recorded as missed.</summary>
    public const string Missed = "missed";

    /// <summary>The call ended after it was answered (or was already over): nothing changed.</summary>
    public const string AlreadyOver = "alreadyOver";
}
