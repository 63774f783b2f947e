using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.AfterSales;
using WorkflowService.AfterSales.Customers;
using WorkflowService.AfterSales.Orders;
using WorkflowService.Engine.Model;
using WorkflowService.Runtime.Definitions;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Tasks;
using WorkflowService.Web.Auth;
using WorkflowService.Web.Hotline;
using WorkflowService.Web.Localization;
using WorkflowService.Web.Records;
using WorkflowService.Web.Tasks;

namespace WorkflowService.Web.Pages.Orders;

/// <summary>
/// 新建服务单: find the customer (by phone digits or name), pick their devices, the type, the units and fill the
/// type's start form; the desk opens the order and its process in one transaction and the page shows the number
/// the customer is told. A refusal comes back with each error next to its field and everything typed kept.
/// </summary>
[Authorize(Policy = Policies.Desk)]
public sealed class NewModel(CustomerArchive archive, WorkOrderDesk desk, DefinitionCatalog catalog, CallOrders calls, CallerFactory callers, T t)
    : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? CustomerId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }

    /// <summary>The hotline call the request came in by (its PBX call id): the order is received when it rang, once per call.</summary>
    [BindProperty(SupportsGet = true)] public string? CallId { get; set; }

    /// <summary>The call of <see cref="CallId"/>, shown above the form; null without one, or for an id that never rang (the desk refuses it).</summary>
    public CallOrigin? Call { get; private set; }

    public IReadOnlyList<CustomerSummary> Found { get; private set; } = [];
    public CustomerDetails? Customer { get; private set; }
    public OrderType Chosen { get; private set; } = OrderType.Repair;
    public IReadOnlySet<string> Serials { get; private set; } = new HashSet<string>(StringComparer.Ordinal);
    public string Units { get; private set; } = "";
    /// <summary>Fields with an input or a place of their own on the page; other refusals are listed above the form.</summary>
    private static readonly string[] OnPage = ["type", "units", "customerId"];

    public IReadOnlyList<FormInput> StartForm { get; private set; } = [];
    public bool Refused { get; private set; }

    /// <summary>Refusals that belong to no input on the page (the process could not start, the customer is gone).</summary>
    public IReadOnlyList<string> FormErrors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(null, [], ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var posted = TaskForm.Posted(Request.Form);
        Serials = Request.Form["serials"].Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!).ToHashSet(StringComparer.Ordinal);
        Units = Request.Form["units"].ToString();
        try
        {
            var opened = await desk.OpenAsync(await callers.GetAsync(User, ct),
                new OpenOrderRequest(Type, CustomerId, [.. Serials], ParseUnits(Units), TaskForm.Submission(posted),
                    string.IsNullOrWhiteSpace(CallId) ? null : CallId.Trim(), null), ct);
            return LocalRedirect($"/orders/{opened.Number}");
        }
        catch (ValidationException refused)
        {
            Refused = true;
            IReadOnlyList<ValidationError> errors = ParseUnits(Units) == 0 && Units.Trim() != "0"
                ? [.. refused.Errors.Where(e => e.Field != "units"), new("units is not a whole number", "units", "invalid")]
                : refused.Errors;
            await LoadAsync(posted, errors, ct);
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }
        catch (WorkflowRequestException refused)
        {
            Refused = true;
            await LoadAsync(posted, [], ct);
            FormErrors = [.. FormErrors, refused.Message];
            return new PageResult { StatusCode = StatusCodes.Status409Conflict };
        }
    }

    public IReadOnlyList<string> ErrorsOf(string key) => ModelState.Of(key);

    public string TypeUrl(OrderType type) => $"/orders/new?customerId={CustomerId}&type={type.Name}{CallQuery}";

    public string CustomerUrl(Guid customerId) => $"/orders/new?customerId={customerId}&type={Type}{CallQuery}";

    /// <summary>Links within the page keep the call the order comes from.</summary>
    public string CallQuery => string.IsNullOrWhiteSpace(CallId) ? "" : $"&callId={Uri.EscapeDataString(CallId)}";

    private async Task LoadAsync(IReadOnlyDictionary<string, string>? posted, IReadOnlyList<ValidationError> errors, CancellationToken ct)
    {
        Chosen = OrderType.Find(Type) ?? OrderType.Repair;
        Type = Chosen.Name;
        if (!string.IsNullOrWhiteSpace(CallId)) Call = await calls.FindAsync(CallId.Trim(), ct);
        if (CustomerId is { } id)
        {
            try
            {
                Customer = await archive.GetAsync(id, ct);
            }
            catch (NotFoundException)
            {
                CustomerId = null;
            }
        }
        if (Customer is null && !string.IsNullOrWhiteSpace(Q)) Found = await archive.SearchAsync(Q, ct);
        IReadOnlyList<FormField> fields;
        try
        {
            // The process owners decide what is asked: the start form of the type's process as published now.
            // What the records answer (customer, devices, warranty, units...) is not asked again.
            fields = [.. (await catalog.StartFormAsync(Chosen.ProcessKey, ct)).Where(f => !WorkOrderDesk.FactNames.Contains(f.Id))];
        }
        catch (NotFoundException missing)
        {
            // Not published (yet): the page says so; the desk refuses the order with the same reason.
            fields = [];
            errors = [.. errors, new ValidationError(missing.Message)];
        }
        var people = await catalog.PeopleAsync(fields, ct);
        StartForm = TaskForm.Inputs([.. fields.Select(f => new FormFieldView(f, null, people.GetValueOrDefault(f.Id)))], posted, errors,
            (field, error) => FormErrorText.Describe(t, field, error));
        var declared = fields.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        var elsewhere = new List<string>();
        foreach (var error in errors.Where(e => e.Field is null || !declared.Contains(e.Field)))
        {
            var field = error.Field ?? "";
            // serials[i] counts the serials sent, not the checkboxes: every device problem shows above the devices.
            var key = field.StartsWith("serials", StringComparison.Ordinal) ? "serials" : field;
            if (key == "serials" || OnPage.Contains(key)) RecordText.AddErrors(ModelState, t, [error], _ => key);
            else elsewhere.Add(RecordText.Describe(t, error));
        }
        FormErrors = elsewhere;
    }

    /// <summary>
    /// Blank units are the desk's default (one per device). Text that is no whole number goes as 0, which the desk
    /// refuses with every other problem of the request at once, rather than the page refusing it alone.
    /// </summary>
    private static int? ParseUnits(string text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
