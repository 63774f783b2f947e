using System.ComponentModel.DataAnnotations;

namespace WorkflowService.Web.Hotline;

/// <summary><c>Hotline:*</c>: the service hotline's ring cadence.</summary>
public sealed class HotlineOptions
{
    public const string Section = "Hotline";

    /// <summary>Seconds of one ring; the three-rings rule is three times this (the regulation's cadence is about 5-6 s).</summary>
    [Range(1, 60)]
    public int RingSeconds { get; set; } = 5;
}

/// <summary><c>Telephony:*</c>: how the PBX (or a softphone bridge) proves itself to the webhook.</summary>
public sealed class TelephonyOptions
{
    public const string Section = "Telephony";

    /// <summary>
    /// The shared secret sent in <c>X-Telephony-Secret</c>. Empty: the webhook refuses every
    /// event, so a forgotten setting never leaves it open.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>A short secret can be guessed; empty is allowed (and refuses everything).</summary>
    public bool IsStrongOrEmpty => string.IsNullOrEmpty(Secret) || Secret.Length >= MinSecretLength;

    public const int MinSecretLength = 16;
}
