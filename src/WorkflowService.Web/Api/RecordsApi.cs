using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowService.AfterSales.Customers;
using WorkflowService.AfterSales.Orders;
using WorkflowService.Web.Auth;

namespace WorkflowService.Web.Api;

public sealed record ContactDto(string? Name, string? Phone, string? Mobile, string? Email);

/// <summary>A customer as sent: <c>category</c> regular, long-term or key; <c>revision</c> (on a change) what the editor read.</summary>
public sealed record CustomerRequest(string? Name, string? Category, List<ContactDto>? Contacts, string? Address, DateOnly? AnchorDate,
    string? Notes, int? Revision)
{
    public CustomerInput Input => new(Name, Category, Contacts?.Select(c => new ContactInput(c.Name, c.Phone, c.Mobile, c.Email)).ToList(),
        Address, AnchorDate, Notes);
}

public sealed record CreatedId(Guid Id);

public sealed record DeviceRequest(string? Model, string? Serial, DateOnly? SoldOn, int? WarrantyMonths);

public sealed record DeviceCreated(Guid Id, string Serial, DateOnly WarrantyEndsOn, bool InWarranty);

public sealed record OrderRequest(string? Type, Guid? CustomerId, List<string>? Serials, int? Units, Dictionary<string, JsonElement>? Variables,
    string? CallId);

/// <summary>The customer archive, the devices' files and the work orders.</summary>
public static class RecordsApi
{
    public static void MapRecordsApi(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/api/customers").WithTags("Customers").RequireSignedIn();
        customers.MapPost("/", CreateCustomerAsync).RequireRole(Policies.Desk).ReadsJson()
            .WithSummary("Adds a customer; 400 names each field (contacts[i].phone...)");
        customers.MapGet("/", SearchAsync).WithSummary("Customers whose name, contact or phone number holds q (at most 50, by name)");
        customers.MapGet("/{id:guid}", GetCustomerAsync).Refuses(StatusCodes.Status404NotFound)
            .WithSummary("A customer with contacts, devices (warranty as of today) and orders");
        customers.MapGet("/{id:guid}/satisfaction", SatisfactionAsync).Refuses(StatusCodes.Status404NotFound)
            .WithSummary("The satisfaction scores (1-5) the customer gave in their orders' surveys and revisits, oldest first");
        customers.MapPut("/{id:guid}", UpdateCustomerAsync).RequireRole(Policies.Desk).ReadsJson()
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Replaces a customer's fields and contacts; 409 when revision is not the current one");
        customers.MapPost("/{id:guid}/devices", AddDeviceAsync).RequireRole(Policies.Devices).ReadsJson()
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Registers a device sold to the customer; 409 when the serial is registered already");

        app.MapGet("/api/devices/{serial}", GetDeviceAsync).WithTags("Customers").RequireSignedIn().Refuses(StatusCodes.Status404NotFound)
            .WithSummary("A device's after-sales file: warranty, customer, orders");

        var orders = app.MapGroup("/api/orders").WithTags("Orders").RequireSignedIn();
        orders.MapPost("/", OpenOrderAsync).RequireRole(Policies.Desk).ReadsJson().Refuses(StatusCodes.Status404NotFound)
            .WithSummary("Opens a work order and starts its process in one transaction → its number (the business key)");
        orders.MapGet("/", ListOrdersAsync).Refuses(StatusCodes.Status400BadRequest)
            .WithSummary("Orders, newest first, with their process's status, by customer, type, status and the department's days from/to");
        orders.MapGet("/{number}", GetOrderAsync).Refuses(StatusCodes.Status404NotFound)
            .WithSummary("An order with its customer, devices, process status, who has it and its timeline");
        app.MapRecordSheetsApi();
        app.MapSlipApi();
    }

    private static async Task<Created<CreatedId>> CreateCustomerAsync(CustomerRequest request, CustomerArchive archive, CancellationToken ct)
    {
        var id = await archive.CreateAsync(request.Input, ct);
        return TypedResults.Created($"/api/customers/{id}", new CreatedId(id));
    }

    private static async Task<Ok<IReadOnlyList<CustomerSummary>>> SearchAsync(string? q, CustomerArchive archive, CancellationToken ct) =>
        TypedResults.Ok(await archive.SearchAsync(q, ct));

    private static async Task<Ok<CustomerDetails>> GetCustomerAsync(Guid id, CustomerArchive archive, CancellationToken ct) =>
        TypedResults.Ok(await archive.GetAsync(id, ct));

    private static async Task<Ok<IReadOnlyList<SatisfactionScore>>> SatisfactionAsync(Guid id, CustomerArchive archive, CancellationToken ct) =>
        TypedResults.Ok(await archive.SatisfactionAsync(await archive.GetAsync(id, ct), ct));

    private static async Task<Ok<CustomerDetails>> UpdateCustomerAsync(Guid id, CustomerRequest request, CustomerArchive archive,
        CancellationToken ct)
    {
        await archive.UpdateAsync(id, request.Input, request.Revision, ct);
        return TypedResults.Ok(await archive.GetAsync(id, ct));
    }

    private static async Task<Created<DeviceCreated>> AddDeviceAsync(Guid id, DeviceRequest request, CustomerArchive archive,
        CancellationToken ct)
    {
        var device = await archive.AddDeviceAsync(id, new DeviceInput(request.Model, request.Serial, request.SoldOn, request.WarrantyMonths), ct);
        return TypedResults.Created($"/api/devices/{Uri.EscapeDataString(device.Serial)}",
            new DeviceCreated(device.Id, device.Serial, device.WarrantyEndsOn, device.InWarranty));
    }

    private static async Task<Ok<DeviceDetails>> GetDeviceAsync(string serial, CustomerArchive archive, CancellationToken ct) =>
        TypedResults.Ok(await archive.GetDeviceAsync(serial, ct));

    /// <summary>201 with the new order; 200 with the order a hotline call (<c>callId</c>) had opened already.</summary>
    private static async Task<Results<Created<OrderOpened>, Ok<OrderOpened>>> OpenOrderAsync(OrderRequest request, WorkOrderDesk desk,
        SignedInCaller caller, CancellationToken ct)
    {
        var opened = await desk.OpenAsync(caller, new OpenOrderRequest(request.Type, request.CustomerId, request.Serials, request.Units,
            request.Variables, request.CallId, null), ct);
        return opened.Existing ? TypedResults.Ok(opened) : TypedResults.Created($"/api/orders/{opened.Number}", opened);
    }

    private static async Task<Ok<IReadOnlyList<OrderSummary>>> ListOrdersAsync(Guid? customerId, string? type, string? status, DateOnly? from,
        DateOnly? to, int? skip, int? take, WorkOrderDesk desk, CancellationToken ct) =>
        TypedResults.Ok(await desk.ListAsync(customerId, type, from, to, skip ?? 0, take ?? 100, status, ct));

    private static async Task<Ok<OrderDetails>> GetOrderAsync(string number, WorkOrderDesk desk, CancellationToken ct) =>
        TypedResults.Ok(await desk.GetAsync(number, ct));
}
