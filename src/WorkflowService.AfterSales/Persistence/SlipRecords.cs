namespace WorkflowService.AfterSales.Persistence;

/// <summary>
/// A repair slip (维修服务单) attached to a work order: the signed paper as a photo or scan, or the customer's signature
/// drawn in the browser. The bytes live in the <see cref="Orders.ISlipStore"/> of the storage provider; the row says who
/// attached what, so that a copy can be checked against its <see cref="Sha256"/>.
/// </summary>
public sealed class SlipRecord
{
    public Guid Id { get; set; }
    public required string OrderNumber { get; set; }

    /// <summary>A <see cref="Orders.SlipKind"/>'s name: photo, scan or signature.</summary>
    public required string Kind { get; set; }

    /// <summary>What the bytes are, as their first bytes say (image/jpeg, image/png, application/pdf).</summary>
    public required string ContentType { get; set; }
    public long Size { get; set; }

    /// <summary>Lower-case hex SHA-256 of the bytes.</summary>
    public required string Sha256 { get; set; }
    public required string AttachedBy { get; set; }
    public DateTimeOffset AttachedAt { get; set; }
}

/// <summary>A slip's bytes in the database: PostgreSQL only (bytea); with SQLite they are files under the data folder.</summary>
public sealed class SlipContentRecord
{
    public Guid SlipId { get; set; }
    public required byte[] Content { get; set; }
}
