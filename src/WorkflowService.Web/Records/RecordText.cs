using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using WorkflowService.AfterSales;
using WorkflowService.Runtime.Instances;
using WorkflowService.Web.Localization;

namespace WorkflowService.Web.Records;

/// <summary>
/// The records pages' words: categories and order types in the page's language (the domain carries both), and a
/// refused value's message in the user's language, built from the service's stable code and field (texts in
/// Localization/records.json); the service's English message is the fallback for a code the pages do not know.
/// </summary>
public static partial class RecordText
{
    public static readonly string[] Codes = ["required", "too-long", "unknown", "invalid", "out-of-range", "other-customer"];

    public static bool Chinese(T t) => t.Culture.StartsWith("zh", StringComparison.Ordinal);

    public static string Category(T t, string name) =>
        CustomerCategory.Find(name) is { } c ? (Chinese(t) ? c.Chinese : c.English) : name;

    public static string Type(T t, string name) => OrderType.Find(name) is { } o ? (Chinese(t) ? o.Chinese : o.English) : name;

    public static string Warranty(T t, bool covered) => t[covered ? "Records.InWarranty" : "Records.OutOfWarranty"];

    /// <summary>
    /// Puts each refused value into <paramref name="state"/> under its field (<c>contacts[0].phone</c>: the name of the
    /// input it belongs to), after <paramref name="remap"/> turned the service's field into the page's.
    /// </summary>
    public static void AddErrors(ModelStateDictionary state, T t, IEnumerable<ValidationError> errors, Func<string, string>? remap = null)
    {
        foreach (var error in errors)
        {
            var field = error.Field ?? "";
            state.AddModelError(remap is null ? field : remap(field), Describe(t, error));
        }
    }

    public static string Describe(T t, ValidationError error)
    {
        var field = error.Field ?? "";
        // A contact needs one way to be called: the service names the phone, the message names both.
        if (error.Code == "required" && ContactField().Match(field) is { Success: true } m && m.Groups[1].Value == "phone")
            return t["Records.Error.phone-or-mobile"];
        if (error.Code == "required" && field == "contacts") return t["Records.Error.contacts"];
        return error.Code is { } code && Codes.Contains(code) ? t.Format($"Records.Error.{code}", t[LabelKey(field)]) : error.Message;
    }

    /// <summary>The text key of a field's label: <c>contacts[2].name</c> is a contact's name, <c>serials[0]</c> a device.</summary>
    public static string LabelKey(string field)
    {
        if (ContactField().Match(field) is { Success: true } m) return "Records.Contact." + m.Groups[1].Value;
        if (field.StartsWith("serials", StringComparison.Ordinal)) return "Records.Field.serials";
        return "Records.Field." + field;
    }

    /// <summary>Every label key a field the services name can map to: the localization test checks each has both languages.</summary>
    public static readonly string[] LabelKeys =
    [
        "Records.Field.name", "Records.Field.category", "Records.Field.address", "Records.Field.anchorDate", "Records.Field.notes",
        "Records.Field.contacts", "Records.Field.model", "Records.Field.serial", "Records.Field.soldOn", "Records.Field.warrantyMonths",
        "Records.Field.type", "Records.Field.customerId", "Records.Field.units", "Records.Field.serials", "Records.Contact.name",
        "Records.Contact.phone", "Records.Contact.mobile", "Records.Contact.email",
    ];

    [GeneratedRegex(@"^contacts\[\d+\]\.(\w+)$")]
    private static partial Regex ContactField();
}
