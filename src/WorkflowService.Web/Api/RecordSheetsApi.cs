using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowService.AfterSales.Customers;
using WorkflowService.AfterSales.Export;
using WorkflowService.Web.Auth;

namespace WorkflowService.Web.Api;

/// <summary>
/// The records in and out of Excel: customers and devices imported from a file; customers, orders and devices exported
/// under Chinese headers for a zh-CN reader (Accept-Language) and English ones otherwise.
/// </summary>
public static class RecordSheetsApi
{
    public static void MapRecordSheetsApi(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/api/customers").WithTags("Customers").RequireSignedIn();
        customers.MapPost("/import", ImportAsync).RequireRole(Policies.Desk).DisableAntiforgery().Accepts<IFormFile>("multipart/form-data")
            .Produces<ImportResponse>().Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge,
                StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Adds and updates customers with their devices from an .xlsx or .csv file (field 'file'); nothing is written unless every row is valid; dryRun=true only checks");
        customers.MapGet("/export", ExportCustomersAsync).ProducesWorkbook()
            .WithSummary("The customers a search for q finds (all without q) as an .xlsx workbook, one row per device, under headers the import reads (Chinese in zh-CN)");

        app.MapGet("/api/orders/export", ExportOrdersAsync).WithTags("Orders").RequireSignedIn().ProducesWorkbook()
            .Refuses(StatusCodes.Status400BadRequest)
            .WithSummary("Orders by customer, type and the department's days from/to as an .xlsx workbook (Chinese headers in zh-CN), newest first");

        app.MapGet("/api/devices/export", ExportDevicesAsync).WithTags("Customers").RequireSignedIn().ProducesWorkbook()
            .Refuses(StatusCodes.Status400BadRequest)
            .WithSummary("Devices whose model or serial contains model/serial, of customerId, in or out of warranty today (warranty=in|out) as an .xlsx workbook (Chinese headers in zh-CN), by serial");
    }

    private static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> ImportAsync(HttpRequest http, CustomerImporter importer,
        bool? dryRun, CancellationToken ct)
    {
        var (file, refusal) = await SheetFiles.ReceiveAsync(http, "customer file", ct);
        if (refusal is not null) return refusal;
        await using var stream = file!.OpenReadStream();
        var result = await importer.ImportFileAsync(stream, file.FileName, dryRun ?? false, ct);
        return SheetFiles.Answer(new ImportResponse(result.Created, result.Updated,
            result.Errors.Select(e => new ImportErrorDto(e.Row, e.Message)).ToList(), result.Written), dryRun == true);
    }

    private static async Task<FileContentHttpResult> ExportCustomersAsync(string? q, RecordSheets sheets, TimeProvider clock,
        CancellationToken ct) =>
        SheetFiles.Workbook(await sheets.CustomersAsync(q, CultureInfo.CurrentUICulture, ct), "customers", clock);

    private static async Task<FileContentHttpResult> ExportOrdersAsync(Guid? customerId, string? type, DateOnly? from, DateOnly? to,
        RecordSheets sheets, TimeProvider clock, CancellationToken ct) =>
        SheetFiles.Workbook(await sheets.OrdersAsync(customerId, type, from, to, CultureInfo.CurrentUICulture, ct), "orders", clock);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportDevicesAsync(string? model, string? serial,
        Guid? customerId, string? warranty, RecordSheets sheets, TimeProvider clock, CancellationToken ct)
    {
        if (Warranty(warranty) is not { } wanted)
            return Problems.Invalid("warranty", $"warranty '{warranty}' is neither 'in' nor 'out'", "unknown");
        return SheetFiles.Workbook(await sheets.DevicesAsync(model, serial, customerId, wanted, CultureInfo.CurrentUICulture, ct), "devices", clock);
    }

    /// <summary>The warranty filter a query names: none or blank for all devices; null when it names none of them.</summary>
    internal static WarrantyFilter? Warranty(string? warranty) => warranty?.Trim().ToLowerInvariant() switch
    {
        null or "" => WarrantyFilter.All,
        "in" => WarrantyFilter.In,
        "out" => WarrantyFilter.Out,
        _ => null,
    };
}
