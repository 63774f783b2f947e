using Microsoft.EntityFrameworkCore;
using WorkflowService.AfterSales.Persistence;
using WorkflowService.Runtime.Sheets;

namespace WorkflowService.AfterSales.Customers;

/// <summary>
/// A customer of the file: its rows, what its first row states (completed from the archive's record it updates, if
/// any), that record, its devices.
/// </summary>
internal sealed record PlannedCustomer(List<CustomerImportRow> Rows, CustomerInput Input, CustomerRecord? Existing,
    List<(CustomerImportRow Row, DeviceRecord? Existing)> Devices);

/// <summary>Checks every row of a customer file against the rules, the other rows and the archive, and matches it to what it changes.</summary>
internal static class CustomerImportPlan
{
    public static async Task<(List<PlannedCustomer> Plan, List<SheetError> Errors)> MakeAsync(AfterSalesDbContext a,
        IReadOnlyList<CustomerImportRow> rows, CancellationToken ct)
    {
        var errors = new List<SheetError>();
        var names = rows.Select(r => r.Customer.Name?.Trim()).OfType<string>().Where(n => n.Length > 0).Distinct().ToList();
        var serials = rows.Select(r => r.Device?.Serial).OfType<string>().Select(CustomerRules.NormalizeSerial).Distinct().ToList();
        // Tracked: a real import changes these very records.
        var existing = (await a.Customers.Include(c => c.Contacts).Where(c => names.Contains(c.Name)).ToListAsync(ct)).ToLookup(c => c.Name);
        var devices = await a.Devices.Where(d => serials.Contains(d.Serial)).ToDictionaryAsync(d => d.Serial, ct);
        var ownerIds = devices.Values.Select(d => d.CustomerId).Distinct().ToList();
        var owners = await a.Customers.AsNoTracking().Where(c => ownerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);

        var plan = new List<PlannedCustomer>();
        var byName = new Dictionary<string, PlannedCustomer>(StringComparer.Ordinal);
        var serialRows = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var rowErrors = new List<string>();
            var problemFields = row.Problems.Select(p => p.Field).ToHashSet();
            rowErrors.AddRange(row.Problems.Select(p => p.Message));
            var name = row.Customer.Name?.Trim();
            PlannedCustomer? customer = null;
            if (name is { Length: > 0 } && byName.TryGetValue(name, out var first))
            {
                customer = first;
                var firstRow = first.Rows[0];
                if (OtherPhone(row, firstRow))
                    rowErrors.Add($"name '{name}' is on row {firstRow.Row} with another contact phone: give one customer's rows the same contact, or leave it blank");
                first.Rows.Add(row);
            }
            else
            {
                var match = name is { Length: > 0 } ? Match(existing[name].ToList(), row) : (null, null);
                var input = Completed(row.Customer, match.Customer);
                rowErrors.AddRange(CustomerRules.Check(input).Where(e => !problemFields.Contains(e.Field)).Select(e => SheetWords(e.Message)));
                if (match.Error is not null) rowErrors.Add(match.Error);
                if (name is { Length: > 0 })
                {
                    customer = new PlannedCustomer([row], input, match.Customer, []);
                    byName[name] = customer;
                    plan.Add(customer);
                }
            }
            if (row.Device is { } device)
            {
                rowErrors.AddRange(CustomerRules.Check(device).Where(e => !problemFields.Contains(e.Field)).Select(e => e.Message));
                if (!string.IsNullOrWhiteSpace(device.Serial))
                {
                    var serial = CustomerRules.NormalizeSerial(device.Serial);
                    var registered = devices.GetValueOrDefault(serial);
                    if (serialRows.TryGetValue(serial, out var other)) rowErrors.Add($"serial {serial} is already on row {other}");
                    else serialRows[serial] = row.Row;
                    if (registered is not null && registered.CustomerId != customer?.Existing?.Id)
                        rowErrors.Add($"serial {serial} is registered to another customer ({owners.GetValueOrDefault(registered.CustomerId)})");
                    customer?.Devices.Add((row, registered));
                }
            }
            errors.AddRange(rowErrors.Select(m => new SheetError(row.Row, m)));
        }
        return (plan, errors);
    }

    /// <summary>Whether a later row of a customer gives a phone or mobile other than its first row's (what it leaves blank, it shares).</summary>
    private static bool OtherPhone(CustomerImportRow row, CustomerImportRow first)
    {
        var (given, stated) = (row.Customer.Contacts is [var g, ..] ? g : null, first.Customer.Contacts is [var f, ..] ? f : null);
        var (phone, mobile) = (CustomerRules.Digits(given?.Phone), CustomerRules.Digits(given?.Mobile));
        return (phone.Length > 0 && phone != CustomerRules.Digits(stated?.Phone))
               || (mobile.Length > 0 && mobile != CustomerRules.Digits(stated?.Mobile));
    }

    /// <summary>
    /// What a row states of a customer in the archive, with the blanks it leaves taken from the record (which it
    /// keeps): the category, and the phone, mobile and email of the contact of the same name; a row without a contact
    /// keeps the customer's contacts.
    /// </summary>
    private static CustomerInput Completed(CustomerInput row, CustomerRecord? existing)
    {
        if (existing is null) return row;
        var known = existing.Contacts.OrderBy(c => c.Position).ToList();
        var contacts = row.Contacts is { Count: > 0 }
            ? row.Contacts.Select(c => known.FirstOrDefault(k => string.Equals(k.Name, c.Name?.Trim(), StringComparison.OrdinalIgnoreCase)) is { } k
                ? new ContactInput(c.Name, Given(c.Phone) ?? k.Phone, Given(c.Mobile) ?? k.Mobile, Given(c.Email) ?? k.Email)
                : c).ToList()
            : known.Select(k => new ContactInput(k.Name, k.Phone, k.Mobile, k.Email)).ToList();
        return row with { Category = Given(row.Category) ?? existing.Category, Contacts = contacts };
    }

    private static string? Given(string? cell) => string.IsNullOrWhiteSpace(cell) ? null : cell;

    /// <summary>The archive's customer a row names: the one of that name, or among several, the one with the row's phone.</summary>
    private static (CustomerRecord? Customer, string? Error) Match(List<CustomerRecord> sameName, CustomerImportRow row)
    {
        if (sameName.Count <= 1) return (sameName.FirstOrDefault(), null);
        var digits = (row.Customer.Contacts ?? []).SelectMany(c => new[] { CustomerRules.Digits(c.Phone), CustomerRules.Digits(c.Mobile) })
            .Where(d => d.Length > 0).ToHashSet();
        var withPhone = sameName.Where(c => c.Contacts.Any(k => digits.Contains(CustomerRules.Digits(k.Phone)) || digits.Contains(CustomerRules.Digits(k.Mobile))))
            .ToList();
        return withPhone.Count == 1
            ? (withPhone[0], null)
            : (null, $"name '{row.Customer.Name?.Trim()}' names {sameName.Count} customers in the archive and the row's phone picks none of them: change them on their pages");
    }

    /// <summary>The rules name a form's fields (<c>contacts[0].phone</c>); a sheet has one contact, in its own columns.</summary>
    private static string SheetWords(string message) => message
        .Replace("contacts[0].name", "contact", StringComparison.Ordinal)
        .Replace("contacts[0]: give", "contact: give", StringComparison.Ordinal)
        .Replace("contacts[0].", "", StringComparison.Ordinal)
        .Replace("contacts: give", "contact: give", StringComparison.Ordinal);
}
