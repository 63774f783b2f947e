namespace WorkflowService.AfterSales.Customers;

public sealed record ContactInput(string? Name, string? Phone, string? Mobile, string? Email);

/// <summary>A customer as a clerk enters them; <c>Category</c> is regular, long-term or key.</summary>
public sealed record CustomerInput(string? Name, string? Category, IReadOnlyList<ContactInput>? Contacts, string? Address,
    DateOnly? AnchorDate, string? Notes);

public sealed record ContactView(string Name, string? Phone, string? Mobile, string? Email);

/// <summary>A customer in a list: who, how important, whom to call.</summary>
public sealed record CustomerSummary(Guid Id, string Name, string Category, IReadOnlyList<ContactView> Contacts);

/// <summary>A device with its warranty as it stands on the department's day.</summary>
public sealed record DeviceView(Guid Id, Guid CustomerId, string Model, string Serial, DateOnly SoldOn, int WarrantyMonths,
    DateOnly WarrantyEndsOn, bool InWarranty, string Status);

public sealed record DeviceInput(string? Model, string? Serial, DateOnly? SoldOn, int? WarrantyMonths);

/// <summary>An order in a customer's or device's history; <paramref name="Status"/> is its process's, where the list read it.</summary>
public sealed record OrderSummary(string Number, string Type, Guid CustomerId, Guid InstanceId, DateTimeOffset ReceivedAt,
    DateTimeOffset CreatedAt, string CreatedBy, int Units, bool InWarranty, string? Status = null);

/// <summary>A customer's file: contacts, devices, orders (newest first).</summary>
/// <param name="Calls">The hotline calls from the contacts' numbers, newest first (<see cref="CustomerCalls"/>).</param>
public sealed record CustomerDetails(Guid Id, string Name, string Category, string? Address, DateOnly? AnchorDate, string? Notes,
    IReadOnlyList<ContactView> Contacts, IReadOnlyList<DeviceView> Devices, IReadOnlyList<OrderSummary> Orders, int Revision,
    IReadOnlyList<CallView>? Calls = null);

/// <summary>A device's after-sales file: the device, its customer and every order it was part of.</summary>
public sealed record DeviceDetails(DeviceView Device, CustomerSummary Customer, IReadOnlyList<OrderSummary> Orders);

/// <summary>
/// One satisfaction score the customer gave (1 very dissatisfied … 5 very satisfied): in an order's survey or a revisit.
/// <paramref name="Source"/> is the order number, or null for a revisit.
/// </summary>
public sealed record SatisfactionScore(DateTimeOffset At, int Score, string? Source, string Kind);
