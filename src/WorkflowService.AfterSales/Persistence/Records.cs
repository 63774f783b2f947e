namespace WorkflowService.AfterSales.Persistence;

/// <summary>A customer of the department (客户档案): an organisation or a person, with their contacts.</summary>
public sealed class CustomerRecord
{
    public Guid Id { get; set; }
    public required string Name { get; set; }

    /// <summary>A <see cref="CustomerCategory"/>'s name: regular, long-term or key.</summary>
    public required string Category { get; set; }
    public string? Address { get; set; }

    /// <summary>The date revisits are counted from (yearly for long-term customers, half-yearly for key ones).</summary>
    public DateOnly? AnchorDate { get; set; }
    public string? Notes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// The name (lower-cased) and every contact's phone digits, kept together so that a search by a fragment of
    /// either reads one column (<see cref="Customers.CustomerSearch"/>, through the grams of <see cref="CustomerSearchGramRecord"/>).
    /// </summary>
    public string SearchText { get; set; } = "";

    public List<ContactRecord> Contacts { get; set; } = [];

    /// <summary>Concurrency token: two clerks editing one customer do not overwrite each other silently.</summary>
    public int Revision { get; set; }
}

/// <summary>A person to call at a customer.</summary>
public sealed class ContactRecord
{
    public long Id { get; set; }
    public Guid CustomerId { get; set; }
    public int Position { get; set; }
    public required string Name { get; set; }
    public string? Phone { get; set; }
    public string? Mobile { get; set; }
    public string? Email { get; set; }
}

/// <summary>A product sold to a customer and its after-sales file (售后服务档案).</summary>
public sealed class DeviceRecord
{
    public Guid Id { get; set; }
    public Guid CustomerId { get; set; }
    public required string Model { get; set; }

    /// <summary>The serial number or IMEI (串号): unique across all devices.</summary>
    public required string Serial { get; set; }

    /// <summary>Sold or installed on: the warranty runs from here.</summary>
    public DateOnly SoldOn { get; set; }
    public int WarrantyMonths { get; set; }

    /// <summary>The last day of the warranty (<see cref="Warranty.EndsOn"/>), stored for lists and searches.</summary>
    public DateOnly WarrantyEndsOn { get; set; }

    /// <summary>A <see cref="DeviceStatus"/>'s name.</summary>
    public required string Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A work order (服务单): one request of a customer, numbered by type and day (<c>WX-20261205-001</c>), the
/// business key of the process instance it started in the same transaction.
/// </summary>
public sealed class WorkOrderRecord
{
    public required string Number { get; set; }

    /// <summary>A <see cref="OrderType"/>'s name.</summary>
    public required string Type { get; set; }
    public Guid CustomerId { get; set; }
    public Guid InstanceId { get; set; }
    public required string DefinitionKey { get; set; }

    /// <summary>When the request reached the centre (the call's time for a call): the acceptance clock runs from here.</summary>
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public int Units { get; set; }

    /// <summary>Whether every device of the order was in warranty on the day it was opened (computed, never typed).</summary>
    public bool InWarranty { get; set; }

    /// <summary>The hotline call the order came from, if any.</summary>
    public string? CallId { get; set; }

    public List<WorkOrderDeviceRecord> Devices { get; set; } = [];
}

public sealed class WorkOrderDeviceRecord
{
    public required string OrderNumber { get; set; }
    public Guid DeviceId { get; set; }
}

/// <summary>The last number given per order prefix and day: numbers are gap-free because the counter commits with the order.</summary>
public sealed class OrderCounterRecord
{
    public required string Prefix { get; set; }

    /// <summary>The department's day, <c>yyyyMMdd</c>.</summary>
    public required string Day { get; set; }
    public int Last { get; set; }
}
