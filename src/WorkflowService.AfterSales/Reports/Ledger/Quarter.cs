using System.Globalization;
using System.Text.RegularExpressions;

namespace WorkflowService.AfterSales.Reports.Ledger;

/// <summary>A calendar quarter of the department's days, written <c>2026Q4</c> (bonuses are paid per quarter).</summary>
public readonly partial record struct Quarter(int Year, int Number)
{
    public DateOnly FirstDay => new(Year, 3 * Number - 2, 1);

    public DateOnly LastDay => FirstDay.AddMonths(3).AddDays(-1);

    public static Quarter Of(DateOnly day) => new(day.Year, (day.Month + 2) / 3);

    /// <summary>Reads <c>2026Q4</c> (or <c>2026q4</c>, <c>2026-Q4</c>); false for anything else, a year before 2000 or after 2999 included.</summary>
    public static bool TryParse(string? text, out Quarter quarter)
    {
        quarter = default;
        var match = Pattern().Match(text?.Trim() ?? "");
        if (!match.Success) return false;
        quarter = new Quarter(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value[0] - '0');
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year}Q{Number}");

    [GeneratedRegex(@"^(2\d{3})-?[Qq]([1-4])$")]
    private static partial Regex Pattern();
}
