using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.AfterSales.Customers;
using WorkflowService.AfterSales.Export;
using WorkflowService.Runtime.Instances;
using WorkflowService.Web.Auth;
using WorkflowService.Web.Localization;
using WorkflowService.Web.Records;

namespace WorkflowService.Web.Pages.Customers;

/// <summary>
/// A customer's file: contacts, devices with their warranty as it stands today, every order. Engineers and the
/// warehouse register devices here too (<see cref="Policies.Devices"/>); a refused device keeps what was typed.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class DetailsModel(CustomerArchive archive, IAuthorizationService authorization, T t, RecordSheets sheets, TimeProvider clock)
    : PageModel
{
    private static readonly string[] DeviceFields = ["model", "serial", "soldOn", "warrantyMonths"];

    public CustomerDetails Customer { get; private set; } = null!;

    /// <summary>The scores the customer gave over time (orders' surveys, revisits).</summary>
    public IReadOnlyList<SatisfactionScore> Scores { get; private set; } = [];
    public bool CanEdit { get; private set; }
    public bool CanAddDevice { get; private set; }
    public bool CanOpenOrder => CanEdit;

    /// <summary>The device form as typed (names as the archive names its fields).</summary>
    public Dictionary<string, string> Device { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>The device just registered, to point at after the redirect.</summary>
    [BindProperty(SupportsGet = true)] public string? Added { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>The customer's devices as a workbook, with their warranty as it stands today.</summary>
    public async Task<FileContentResult> OnGetDevicesAsync(Guid id, CancellationToken ct) =>
        ExcelDownload.File(await sheets.DevicesAsync(null, null, id, WarrantyFilter.All, CultureInfo.CurrentUICulture, ct), "devices", clock);

    public async Task<IActionResult> OnPostDeviceAsync(Guid id, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Devices)).Succeeded) return Forbid();
        Device = DeviceFields.ToDictionary(k => k, k => Request.Form[k].ToString(), StringComparer.Ordinal);
        var status = StatusCodes.Status400BadRequest;
        try
        {
            var device = await archive.AddDeviceAsync(id, Input(), ct);
            return LocalRedirect($"/customers/{id}?added={Uri.EscapeDataString(device.Serial)}#devices");
        }
        catch (ValidationException refused)
        {
            RecordText.AddErrors(ModelState, t, refused.Errors);
        }
        catch (ConflictException)
        {
            ModelState.AddModelError("serial", t["Devices.SerialTaken"]);
            status = StatusCodes.Status409Conflict;
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return await LoadAsync(id, ct) ? new PageResult { StatusCode = status } : NotFound();
    }

    public RecordInput Input(string name, string labelKey, string type = "text") =>
        new(name, t[labelKey], Device.GetValueOrDefault(name, ""), ModelState.Of(name), type, Required: true);

    /// <summary>Typed text the form could not read as a date or a number goes to the archive as missing: it says which field.</summary>
    private DeviceInput Input() => new(Device["model"], Device["serial"],
        DateOnly.TryParseExact(Device["soldOn"].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var sold) ? sold : null,
        int.TryParse(Device["warrantyMonths"].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var months) ? months : null);

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Customer = await archive.GetAsync(id, ct);
            Scores = await archive.SatisfactionAsync(Customer, ct);
        }
        catch (NotFoundException)
        {
            return false;
        }
        CanEdit = (await authorization.AuthorizeAsync(User, Policies.Desk)).Succeeded;
        CanAddDevice = (await authorization.AuthorizeAsync(User, Policies.Devices)).Succeeded;
        if (!Device.ContainsKey("warrantyMonths")) Device["warrantyMonths"] = "12";
        return true;
    }
}
