using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using WorkflowService.Runtime.Instances;
using WorkflowService.Web.Api;
using WorkflowService.Web.Auth;
using WorkflowService.Web.Hotline;

namespace WorkflowService.Web.Pages;

/// <summary>
/// A PBX in the browser, for admins: sends ringing, answered and ended for a call through the
/// same service as the telephony webhook (server side, so the secret never reaches a browser),
/// so the three-rings rule can be seen at work without a telephone system.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class PhoneModel(
    TelephonyService telephony,
    PhoneCalls phoneCalls,
    IOptions<HotlineOptions> hotline,
    TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? CallId { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    /// <summary>Where the call is picked up (the <c>to</c> of an answered event): a user name or an extension.</summary>
    [BindProperty(SupportsGet = true)] public string? Extension { get; set; }

    [TempData] public string? Outcome { get; set; }

    /// <summary>The event the refused <see cref="Errors"/> belong to.</summary>
    public string? RefusedEvent { get; private set; }
    public IReadOnlyList<ValidationError> Errors { get; private set; } = [];
    public IReadOnlyList<PhoneCall> Calls { get; private set; } = [];
    public int RingSeconds => hotline.Value.RingSeconds;

    public async Task OnGetAsync(CancellationToken ct)
    {
        CallId ??= NewCallId();
        From ??= "+86 139 0571 2233";
        To ??= "400-820-8820";
        Extension ??= "agent";
        Calls = await phoneCalls.RecentAsync(20, ct);
    }

    public Task<IActionResult> OnPostRingingAsync(CancellationToken ct) => SendAsync(CallEvent.Ringing, ct);

    public Task<IActionResult> OnPostAnsweredAsync(CancellationToken ct) => SendAsync(CallEvent.Answered, ct);

    public Task<IActionResult> OnPostEndedAsync(CancellationToken ct) => SendAsync(CallEvent.Ended, ct);

    /// <summary>A fresh call id for the next call, after one was sent.</summary>
    public IActionResult OnPostNewCall() => RedirectToPage(new { CallId = NewCallId(), From, To, Extension });

    private async Task<IActionResult> SendAsync(string kind, CancellationToken ct)
    {
        var to = kind == CallEvent.Answered ? Extension : To;
        try
        {
            var result = await telephony.HandleAsync(new TelephonyEvent(CallId, kind, From, to, null), $"phone:{User.UserName()}", ct);
            // A call outside working time is started too, but rings nowhere: it was forwarded (呼叫转移).
            Outcome = result is { Outcome: TelephonyResult.Started, CallBackAt: not null } ? "forwarded" : result.Outcome;
            return RedirectToPage(new { CallId, From, To, Extension });
        }
        catch (ValidationException ex)
        {
            Errors = ex.Errors;
        }
        catch (NotFoundException ex)
        {
            Errors = [new ValidationError(ex.Message, "callId", "unknown")];
        }
        RefusedEvent = kind;
        Calls = await phoneCalls.RecentAsync(20, ct);
        return Page();
    }

    /// <summary>The label of a refused field: "to" is the extension for an answered event.</summary>
    public string FieldKey(string? field) => field switch
    {
        "callId" => "Phone.CallId",
        "from" => "Phone.From",
        "to" when RefusedEvent == CallEvent.Answered => "Phone.Extension",
        "to" => "Phone.To",
        _ => "Phone.Event",
    };

    /// <summary>The CSS class of an input whose field was refused.</summary>
    /// <summary>The text key of a refusal code (Phone.Error.required, ...; all listed in hotline.json).</summary>
    public static string ErrorKey(string? code) => "Phone.Error." + (code ?? "format");

    public string Invalid(string labelKey) => Errors.Any(e => FieldKey(e.Field) == labelKey) ? "is-invalid" : "";

    private string NewCallId() =>
        $"call-{clock.GetUtcNow():yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(2))}";
}
