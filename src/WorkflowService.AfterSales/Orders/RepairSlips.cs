using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowService.AfterSales.Persistence;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tasks;

namespace WorkflowService.AfterSales.Orders;

/// <summary>A slip as the order shows it (its bytes are read apart, <see cref="RepairSlips.LatestAsync"/>).</summary>
public sealed record SlipView(Guid Id, string OrderNumber, string Kind, string ContentType, long Size, string Sha256, string AttachedBy,
    DateTimeOffset AttachedAt);

public sealed record SlipFile(SlipView Slip, byte[] Content);

/// <summary>
/// Repair slips (维修服务单): the order's printed page comes back signed, as a photo or scan the engineer attaches,
/// or as the customer's signature drawn in the browser. An order is signed when it has one. Each attachment is kept
/// (a better photo after a blurred one); the latest is the order's slip.
/// </summary>
public sealed class RepairSlips(
    WorkflowDbFactory dbFactory,
    TransactionRunner transactions,
    ISlipStore store,
    TimeProvider clock,
    IOptions<AfterSalesOptions> options)
{
    public long MaxBytes => options.Value.SlipMaxBytes;

    /// <summary>
    /// Attaches a slip checked by <see cref="SlipContent.Check"/> (the API refuses before; what gets here unchecked is
    /// refused again). 404 for an order that does not exist.
    /// </summary>
    public async Task<SlipView> AttachAsync(Caller caller, string number, string? kind, string? declaredType, byte[] content,
        CancellationToken ct = default)
    {
        var checkedSlip = SlipContent.Check(kind, declaredType, content, MaxBytes);
        if (checkedSlip.Refusal is { } refusal)
            throw new ValidationException(refusal.Message, [new(refusal.Message, refusal.Field, refusal.Code)]);
        var wanted = number.Trim().ToUpperInvariant();
        var slip = new SlipRecord
        {
            Id = Guid.NewGuid(), OrderNumber = wanted, Kind = checkedSlip.Kind!.Name, ContentType = checkedSlip.ContentType!,
            Size = content.LongLength, Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)), AttachedBy = caller.UserName,
            AttachedAt = clock.GetUtcNow(),
        };
        try
        {
            await transactions.RunAsync($"slip of order {wanted}", async db =>
            {
                await using var a = await AfterSalesDbContext.OverAsync(db, ct);
                if (!await a.Orders.AnyAsync(o => o.Number == wanted, ct)) throw new NotFoundException($"No work order {number}");
                a.Slips.Add(slip);
                await a.SaveChangesAsync(ct);
                await store.PutAsync(a, slip.Id, content, ct);
                await a.SaveChangesAsync(ct);
            }, ct);
        }
        catch
        {
            await store.ForgetAsync(slip.Id);
            throw;
        }
        return ToView(slip);
    }

    /// <summary>The order's latest slip with its bytes; null when the order is not signed. 404 for no such order.</summary>
    public async Task<SlipFile?> LatestAsync(string number, CancellationToken ct = default)
    {
        var wanted = number.Trim().ToUpperInvariant();
        await using var db = dbFactory.Create();
        await using var a = await AfterSalesDbContext.OverAsync(db, ct);
        if (!await a.Orders.AnyAsync(o => o.Number == wanted, ct)) throw new NotFoundException($"No work order {number}");
        var slips = await a.Slips.AsNoTracking().Where(s => s.OrderNumber == wanted).ToListAsync(ct);
        // Ordered here: SQLite cannot order by a DateTimeOffset column in the query.
        if (slips.OrderByDescending(s => s.AttachedAt).FirstOrDefault() is not { } latest) return null;
        var content = await store.GetAsync(a, latest.Id, ct)
                      ?? throw new NotFoundException($"The slip of order {wanted} was attached, but its file is missing");
        return new SlipFile(ToView(latest), content);
    }

    internal static SlipView ToView(SlipRecord s) => new(s.Id, s.OrderNumber, s.Kind, s.ContentType, s.Size, s.Sha256, s.AttachedBy, s.AttachedAt);
}
