using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.AfterSales.Orders;
using WorkflowService.Runtime.Definitions;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Tasks;
using WorkflowService.Web.Auth;
using WorkflowService.Web.Localization;

namespace WorkflowService.Web.Pages.Orders;

/// <summary>
/// The repair slip (维修服务单) of an order: an A4 page to print and have signed (device, fault, diagnosis, method,
/// result, parts, fees, signature boxes), the form that attaches the signed paper as a photo or scan, and a pad on
/// which the customer signs in the browser. The order is signed once one of those is attached.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class SlipModel(WorkOrderDesk desk, InstanceService instances, RepairSlips slips, IAuthorizationService authorization,
    CallerFactory callers, ProcessTexts texts, T t) : PageModel
{
    /// <summary>The process variables the slip prints, in its order (what the repair process's forms ask).</summary>
    public static readonly IReadOnlyList<string> Printed =
        ["fault", "diagnosis", "repairPlan", "repairMethod", "repairResult", "partsNeeded", "partsIssued", "repairLocation"];

    /// <summary>The fees, printed only when the process settled any (out-of-warranty work).</summary>
    public static IReadOnlyList<string> Fees => OrderFees.PriceNames;

    public OrderDetails Order { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> Values { get; private set; } = new Dictionary<string, string>();
    public bool MayAttach { get; private set; }

    /// <summary>Why the last attachment was refused, as the API words it; null when nothing was refused.</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken ct) =>
        await LoadAsync(number, ct) ? Page() : NotFound();

    /// <summary>
    /// The latest slip's file, for the page's link: the API answers only bearer tokens, and the page is read with the
    /// sign-in cookie. A download, never shown inline under the service's origin.
    /// </summary>
    public async Task<IActionResult> OnGetFileAsync(string number, CancellationToken ct)
    {
        SlipFile? slip;
        try
        {
            slip = await slips.LatestAsync(number, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        if (slip is null) return NotFound();
        var extension = slip.Slip.ContentType switch { SlipContent.Jpeg => "jpg", SlipContent.Png => "png", _ => "pdf" };
        return File(slip.Content, slip.Slip.ContentType, $"{slip.Slip.OrderNumber}-slip.{extension}");
    }

    /// <summary>The upload form and the signature pad both post here: <c>file</c>, and <c>kind</c> photo, scan or signature.</summary>
    public async Task<IActionResult> OnPostAttachAsync(string number, IFormFile? file, string? kind, CancellationToken ct)
    {
        if (!await LoadAsync(number, ct)) return NotFound();
        if (!MayAttach) return Forbid();
        var maxKb = $"{slips.MaxBytes / 1024}";
        if (file is null || file.Length == 0)
            return Refused(StatusCodes.Status400BadRequest, new("The request has no file: choose the photo or scan", "file", "required"));
        if (file.Length > slips.MaxBytes)
            return Refused(StatusCodes.Status413PayloadTooLarge,
                new($"The file is larger than {maxKb} KB, the most a slip may be", "file", "too-large", Argument: maxKb));
        byte[] content;
        using (var buffer = new MemoryStream())
        {
            await file.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
        }
        var checkedSlip = SlipContent.Check(kind, file.ContentType, content, slips.MaxBytes);
        if (checkedSlip.Refusal is { } refusal)
            return Refused(refusal.UnsupportedType ? StatusCodes.Status415UnsupportedMediaType
                : refusal.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest,
                new(refusal.Message, refusal.Field, refusal.Code, Argument: maxKb));
        await slips.AttachAsync(await callers.GetAsync(User, ct), Order.Order.Number, kind, file.ContentType, content, ct);
        return RedirectToPage(new { number = Order.Order.Number });
    }

    /// <summary>The page again with the refusal in the reader's language (<see cref="FormRefusals.Describe(T, ValidationError)"/>).</summary>
    private PageResult Refused(int status, ValidationError refusal)
    {
        Refusal = FormRefusals.Describe(t, refusal);
        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync(string number, CancellationToken ct)
    {
        try
        {
            Order = await desk.GetAsync(number, ct);
        }
        catch (NotFoundException)
        {
            return false;
        }
        var instance = await instances.GetAsync(Order.Order.InstanceId, Caller.System, ct);
        // A choice (where the repair was done: onSite) printed by its name in the reader's language, as its form offered it.
        var book = await texts.BookAsync(instance.Instance.DefinitionKey, ct);
        Values = Printed.Concat(Fees).Where(instance.State.Variables.ContainsKey)
            .Select(name => (name, Text: Show(instance.State.Variables[name]))).Where(v => v.Text.Length > 0)
            .ToDictionary(v => v.name, v => book.Option(instance.Instance.DefinitionKey, v.name, v.Text) ?? v.Text);
        MayAttach = (await authorization.AuthorizeAsync(User, Policies.Devices)).Succeeded;
        return true;
    }

    private static string Show(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => value.GetRawText(),
    };
}
