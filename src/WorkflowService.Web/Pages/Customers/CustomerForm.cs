using System.Globalization;
using System.Text.RegularExpressions;
using WorkflowService.AfterSales;
using WorkflowService.AfterSales.Customers;
using WorkflowService.Runtime.Instances;

namespace WorkflowService.Web.Pages.Customers;

public sealed record ContactRow(string Name, string Phone, string Mobile, string Email)
{
    public static readonly ContactRow Empty = new("", "", "", "");

    public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Phone) && string.IsNullOrWhiteSpace(Mobile)
                           && string.IsNullOrWhiteSpace(Email);
}

/// <summary>
/// The customer form as typed: every value a string, so that whatever was typed comes back into the inputs when
/// the archive refuses it. Inputs are named as the archive names its fields (<c>contacts[1].phone</c>); blank
/// contact rows (the spare ones) are not sent, and the archive's row numbers are mapped back to the page's.
/// </summary>
public sealed partial class CustomerForm
{
    /// <summary>Contact rows the form offers at least (spare rows stand in for an "add contact" button).</summary>
    public const int MinRows = 3;
    public const int MaxRows = 20;

    public string Name { get; init; } = "";
    public string Category { get; init; } = CustomerCategory.Regular.Name;
    public string Address { get; init; } = "";
    public string AnchorDate { get; init; } = "";
    public string Notes { get; init; } = "";
    public IReadOnlyList<ContactRow> Contacts { get; init; } = [];
    public int? Revision { get; init; }

    /// <summary>The rows to render: the contacts, then one spare, at least <see cref="MinRows"/>.</summary>
    public IReadOnlyList<ContactRow> Rows =>
        [.. Contacts, .. Enumerable.Repeat(ContactRow.Empty, Math.Max(MinRows - Contacts.Count, Contacts.Count < MaxRows ? 1 : 0))];

    public static CustomerForm Read(IFormCollection form)
    {
        var rows = new List<ContactRow>();
        for (var i = 0; i < MaxRows && form.ContainsKey($"contacts[{i}].name"); i++)
            rows.Add(new(form[$"contacts[{i}].name"].ToString(), form[$"contacts[{i}].phone"].ToString(), form[$"contacts[{i}].mobile"].ToString(),
                form[$"contacts[{i}].email"].ToString()));
        // Trailing blank rows are the spares: dropped, so they are not rendered twice.
        while (rows.Count > 0 && rows[^1].IsBlank) rows.RemoveAt(rows.Count - 1);
        return new CustomerForm
        {
            Name = form["name"].ToString(), Category = form["category"].ToString(), Address = form["address"].ToString(),
            AnchorDate = form["anchorDate"].ToString(), Notes = form["notes"].ToString(), Contacts = rows,
            Revision = int.TryParse(form["revision"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : null,
        };
    }

    public static CustomerForm Of(CustomerDetails c) => new()
    {
        Name = c.Name, Category = c.Category, Address = c.Address ?? "", Notes = c.Notes ?? "", Revision = c.Revision,
        AnchorDate = c.AnchorDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
        Contacts = [.. c.Contacts.Select(k => new ContactRow(k.Name, k.Phone ?? "", k.Mobile ?? "", k.Email ?? ""))],
    };

    /// <summary>
    /// What goes to the archive, or the errors the page finds itself (a date that is not one) together with the
    /// archive's own rules, so that one refusal lists every problem.
    /// </summary>
    public (CustomerInput Input, List<ValidationError> Errors) ToInput()
    {
        var sent = Contacts.Where(c => !c.IsBlank).ToList();
        DateOnly? anchor = null;
        var errors = new List<ValidationError>();
        if (!string.IsNullOrWhiteSpace(AnchorDate))
        {
            if (DateOnly.TryParseExact(AnchorDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) anchor = d;
            else errors.Add(new($"anchorDate '{AnchorDate}' is not a date", "anchorDate", "invalid"));
        }
        var input = new CustomerInput(Name, Category, [.. sent.Select(c => new ContactInput(c.Name, c.Phone, c.Mobile, c.Email))], Address,
            anchor, Notes);
        if (errors.Count > 0) errors.AddRange(CustomerRules.Check(input));
        return (input, errors);
    }

    /// <summary>The archive's <c>contacts[i]</c> counts only the rows sent; the page's counts every row.</summary>
    public string PageField(string field)
    {
        var match = ContactIndex().Match(field);
        if (!match.Success) return field;
        var sent = Contacts.Select((c, row) => (c, row)).Where(x => !x.c.IsBlank).Select(x => x.row).ToList();
        var i = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return i < sent.Count ? $"contacts[{sent[i]}]{field[match.Length..]}" : field;
    }

    [GeneratedRegex(@"^contacts\[(\d+)\]")]
    private static partial Regex ContactIndex();
}
