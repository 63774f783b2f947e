using System.Text.RegularExpressions;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Staff;

namespace WorkflowService.AfterSales.Customers;

/// <summary>What a customer's and a device's fields must be, each problem naming its field (<c>contacts[0].phone</c>).</summary>
public static partial class CustomerRules
{
    public const int MaxName = 200;
    public const int MaxSerial = 64;
    public const int MaxModel = 100;

    /// <summary>The years a customer's or a device's day may fall in: a sale in 9999 is a typo, and its warranty and
    /// revisits could not even be counted.</summary>
    public const int FirstYear = 1900, LastYear = 2199;

    private static bool OutOfRange(DateOnly? day) => day is { Year: < FirstYear or > LastYear };

    [GeneratedRegex(@"^\+?[0-9][0-9 \-()]{2,24}$")]
    private static partial Regex PhonePattern();

    public static List<ValidationError> Check(CustomerInput input)
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(input.Name))
            errors.Add(new("name is required: the organisation or person (e.g. 上海华为技术有限公司)", "name", "required"));
        else if (input.Name.Trim().Length > MaxName) errors.Add(new($"name is longer than {MaxName} characters", "name", "too-long"));
        if (CustomerCategory.Find(input.Category) is null)
            errors.Add(new($"category '{input.Category}' is not one of {string.Join(", ", CustomerCategory.All.Select(c => c.Name))}",
                "category", "unknown"));
        if (OutOfRange(input.AnchorDate))
            errors.Add(new($"anchorDate {input.AnchorDate:yyyy-MM-dd} is not a day between {FirstYear} and {LastYear}", "anchorDate", "out-of-range"));
        var contacts = input.Contacts ?? [];
        if (contacts.Count == 0) errors.Add(new("contacts: give at least one person to call, with a phone or mobile", "contacts", "required"));
        for (var i = 0; i < contacts.Count; i++)
        {
            var c = contacts[i];
            var field = $"contacts[{i}]";
            if (string.IsNullOrWhiteSpace(c.Name)) errors.Add(new($"{field}.name is required", $"{field}.name", "required"));
            if (string.IsNullOrWhiteSpace(c.Phone) && string.IsNullOrWhiteSpace(c.Mobile))
                errors.Add(new($"{field}: give a phone or a mobile", $"{field}.phone", "required"));
            foreach (var (name, value) in new[] { ("phone", c.Phone), ("mobile", c.Mobile) })
            {
                if (!string.IsNullOrWhiteSpace(value) && !PhonePattern().IsMatch(value.Trim()))
                    errors.Add(new($"{field}.{name} '{value}' is not a phone number", $"{field}.{name}", "invalid"));
            }
            if (!string.IsNullOrWhiteSpace(c.Email) && !StaffRules.IsEmailAddress(c.Email))
                errors.Add(new($"{field}.email '{c.Email}' is not an email address", $"{field}.email", "invalid"));
        }
        return errors;
    }

    public static List<ValidationError> Check(DeviceInput input)
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(input.Model)) errors.Add(new("model is required", "model", "required"));
        else if (input.Model.Trim().Length > MaxModel) errors.Add(new($"model is longer than {MaxModel} characters", "model", "too-long"));
        if (string.IsNullOrWhiteSpace(input.Serial)) errors.Add(new("serial is required: the serial number or IMEI (串号)", "serial", "required"));
        else if (NormalizeSerial(input.Serial).Length > MaxSerial) errors.Add(new($"serial is longer than {MaxSerial} characters", "serial", "too-long"));
        if (input.SoldOn is null) errors.Add(new("soldOn is required: the day the device was sold or installed (yyyy-MM-dd)", "soldOn", "required"));
        else if (OutOfRange(input.SoldOn))
            errors.Add(new($"soldOn {input.SoldOn:yyyy-MM-dd} is not a day between {FirstYear} and {LastYear}", "soldOn", "out-of-range"));
        if (input.WarrantyMonths is not (>= 0 and <= 240))
            errors.Add(new($"warrantyMonths must be 0 to 240, not {input.WarrantyMonths?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "missing"}",
                "warrantyMonths", "out-of-range"));
        return errors;
    }

    /// <summary>Serials compare without surrounding blanks, inner spaces or case: <c>imei 3569 01</c> is <c>IMEI356901</c>.</summary>
    public static string NormalizeSerial(string serial) => new string(serial.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();

    /// <summary>The digits of a phone number: what a search by number compares.</summary>
    public static string Digits(string? phone) => phone is null ? "" : new string(phone.Where(char.IsAsciiDigit).ToArray());

    /// <summary>
    /// A number as the country's own: digits without the country code 86 or a trunk 0, so that "+86 139 0571 2233" (as the
    /// PBX sends it) and 13905712233 (as the archive stores it) are one number, as are "+86 21 5555 0100" and 021-5555-0100.
    /// </summary>
    public static string NationalDigits(string? number)
    {
        var digits = Digits(number);
        if (digits.StartsWith("0086", StringComparison.Ordinal)) digits = digits[4..];
        else if (number?.TrimStart().StartsWith('+') == true && digits.StartsWith("86", StringComparison.Ordinal)) digits = digits[2..];
        return digits.TrimStart('0');
    }

    /// <summary>The searchable text of a customer: name in lower case, then each contact's name and phone digits.</summary>
    public static string SearchText(string name, IEnumerable<ContactInput> contacts) =>
        string.Join(SearchGrams.Separator, new[] { name.Trim().ToLowerInvariant() }
            .Concat(contacts.SelectMany(c => new[] { c.Name?.Trim().ToLowerInvariant(), Digits(c.Phone), Digits(c.Mobile) }))
            .Where(s => !string.IsNullOrEmpty(s)));

    public static void ThrowIfAny(List<ValidationError> errors, string what)
    {
        if (errors.Count > 0) throw new ValidationException($"{what}: {string.Join("; ", errors.Select(e => e.Message))}", errors);
    }
}
