using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowService.AfterSales.Customers;
using WorkflowService.AfterSales.Export;
using WorkflowService.Web.Auth;

namespace WorkflowService.Web.Api;

/// <summary>The records in and out of Excel: customers and devices imported from a file, customers and orders exported.</summary>
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
            .WithSummary("The customers a search for q finds (all without q) as an .xlsx workbook, one row per device, under the import's Chinese headers");

        app.MapGet("/api/orders/export", ExportOrdersAsync).WithTags("Orders").RequireSignedIn().ProducesWorkbook()
            .Refuses(StatusCodes.Status400BadRequest)
            .WithSummary("Orders by customer, type and the department's days from/to as an .xlsx workbook with Chinese headers, newest first");
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
        SheetFiles.Workbook(await sheets.CustomersAsync(q, ct), "customers", clock);

    private static async Task<FileContentHttpResult> ExportOrdersAsync(Guid? customerId, string? type, DateOnly? from, DateOnly? to,
        RecordSheets sheets, TimeProvider clock, CancellationToken ct) =>
        SheetFiles.Workbook(await sheets.OrdersAsync(customerId, type, from, to, ct), "orders", clock);
}
