using Microsoft.EntityFrameworkCore;
using WorkflowService.AfterSales.Persistence;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Sheets;

namespace WorkflowService.AfterSales.Customers;

/// <param name="Created">Customers the file adds.</param>
/// <param name="Updated">Customers already in the archive that the file changes.</param>
public sealed record CustomerImportResult(int Created, int Updated, IReadOnlyList<SheetError> Errors, bool Written);

/// <summary>
/// Adds and updates customers and their devices from the rows of a customer file (<see cref="CustomerSheet"/>).
/// Rows naming the same customer are one customer with several devices; a customer already in the archive (same
/// name) is updated with what its first row gives, a blank cell keeping what the archive has: category, address,
/// anchor date, and the row's contact (found by name, or added). A serial registered already is updated when it is that customer's, and refused when it is anyone
/// else's. Every row is checked first against the same rules as a form; one bad row and nothing is written, and a
/// real import plans again inside its transaction, so that what it checked is what it writes.
/// </summary>
public sealed class CustomerImporter(WorkflowDbFactory dbFactory, TransactionRunner transactions, TimeProvider clock)
{
    /// <summary>The most rows one file may hold.</summary>
    public const int MaxRows = 2000;

    /// <summary>Reads a customer file and imports its rows; an unreadable file is reported like a bad row.</summary>
    public async Task<CustomerImportResult> ImportFileAsync(Stream file, string? fileName, bool dryRun, CancellationToken ct = default)
    {
        var (rows, unreadable) = CustomerSheet.Read(file, fileName);
        return unreadable.Count > 0 ? new CustomerImportResult(0, 0, unreadable, false) : await ImportAsync(rows, dryRun, ct);
    }

    public async Task<CustomerImportResult> ImportAsync(IReadOnlyList<CustomerImportRow> rows, bool dryRun, CancellationToken ct = default)
    {
        if (rows.Count == 0)
            return new(0, 0, [new(1, "The file holds no customers: put one customer (and device) per row below the header row")], false);
        if (rows.Count > MaxRows)
            return new(0, 0, [new(MaxRows + 2, $"The file holds {rows.Count} rows; import at most {MaxRows} at a time")], false);

        if (dryRun)
        {
            await using var db = dbFactory.Create();
            await using var a = await AfterSalesDbContext.OverAsync(db, ct);
            var (plan, errors) = await CustomerImportPlan.MakeAsync(a, rows, ct);
            return Counted(plan, errors);
        }
        return await transactions.RunAsync($"customer import of {rows.Count} rows", async db =>
        {
            await using var a = await AfterSalesDbContext.OverAsync(db, ct);
            var (plan, errors) = await CustomerImportPlan.MakeAsync(a, rows, ct);
            var result = Counted(plan, errors);
            if (errors.Count > 0) return result;
            var now = clock.GetUtcNow();
            var written = plan.Select(customer => Write(a, customer, now)).ToList();
            await CustomerSearch.IndexAsync(a, written, ct);
            await a.SaveChangesAsync(ct);
            return result with { Written = true };
        }, ct, TransientErrors.Default | TransientErrors.UniqueKeyRace);
    }

    /// <summary>What the file would do: the customers whose rows are all valid, new and already in the archive.</summary>
    private static CustomerImportResult Counted(List<PlannedCustomer> plan, List<SheetError> errors)
    {
        var bad = errors.Select(e => e.Row).ToHashSet();
        var valid = plan.Where(p => p.Rows.All(r => !bad.Contains(r.Row))).ToList();
        return new(valid.Count(p => p.Existing is null), valid.Count(p => p.Existing is not null), errors.OrderBy(e => e.Row).ToList(), false);
    }

    /// <summary>Adds or changes the planned customer and its devices (tracked, saved by the caller): the customer.</summary>
    private static CustomerRecord Write(AfterSalesDbContext a, PlannedCustomer planned, DateTimeOffset now)
    {
        var input = planned.Input;
        var customer = planned.Existing;
        if (customer is null)
        {
            customer = new CustomerRecord { Id = Guid.CreateVersion7(now), Name = input.Name!.Trim(), Category = "", CreatedAt = now };
            a.Customers.Add(customer);
        }
        else
        {
            customer.Revision++;
        }
        customer.Category = CustomerCategory.Find(input.Category)!.Name;
        customer.Address = Trimmed(input.Address) ?? customer.Address;
        customer.AnchorDate = input.AnchorDate ?? customer.AnchorDate;
        customer.UpdatedAt = now;
        foreach (var contact in input.Contacts ?? []) Merge(customer, contact);
        customer.SearchText = CustomerRules.SearchText(customer.Name,
            customer.Contacts.OrderBy(c => c.Position).Select(c => new ContactInput(c.Name, c.Phone, c.Mobile, c.Email)));

        foreach (var (row, device) in planned.Devices)
        {
            var given = row.Device!;
            var record = device ?? new DeviceRecord
            {
                Id = Guid.CreateVersion7(now), CustomerId = customer.Id, Model = "", Serial = CustomerRules.NormalizeSerial(given.Serial!),
                Status = DeviceStatus.InService, CreatedAt = now,
            };
            record.Model = given.Model!.Trim();
            record.SoldOn = given.SoldOn!.Value;
            record.WarrantyMonths = given.WarrantyMonths!.Value;
            record.WarrantyEndsOn = Warranty.EndsOn(record.SoldOn, record.WarrantyMonths);
            if (device is null) a.Devices.Add(record);
        }
        return customer;
    }

    /// <summary>The row's contact replaces the customer's contact of the same name (what it leaves blank is kept), or joins them.</summary>
    private static void Merge(CustomerRecord customer, ContactInput contact)
    {
        var name = contact.Name!.Trim();
        var existing = customer.Contacts.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
        if (existing is null)
        {
            customer.Contacts.Add(new ContactRecord
            {
                CustomerId = customer.Id, Position = customer.Contacts.Count == 0 ? 0 : customer.Contacts.Max(c => c.Position) + 1, Name = name,
                Phone = Trimmed(contact.Phone), Mobile = Trimmed(contact.Mobile), Email = Trimmed(contact.Email),
            });
            return;
        }
        existing.Phone = Trimmed(contact.Phone) ?? existing.Phone;
        existing.Mobile = Trimmed(contact.Mobile) ?? existing.Mobile;
        existing.Email = Trimmed(contact.Email) ?? existing.Email;
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
