using System.Globalization;

namespace WorkflowService.AfterSales.Reports.Quality;

/// <summary>An ISO 8601 week (<c>2026-W48</c>): Monday to Sunday of the department's days.</summary>
public readonly record struct IsoWeek(int Year, int Week)
{
    public DateOnly Monday => DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday));
    public DateOnly Sunday => Monday.AddDays(6);

    public static IsoWeek Of(DateOnly date)
    {
        var day = date.ToDateTime(TimeOnly.MinValue);
        return new IsoWeek(ISOWeek.GetYear(day), ISOWeek.GetWeekOfYear(day));
    }

    /// <summary>The week before the one <paramref name="today"/> is in: the one a Monday report speaks of.</summary>
    public static IsoWeek Before(DateOnly today) => Of(today.AddDays(-7));

    /// <summary>Reads <c>yyyy-Www</c> (<c>2026-W48</c>; the W may be lower case), of a year from 2 to 9998.</summary>
    public static IsoWeek? Parse(string? text)
    {
        text = text?.Trim();
        if (text is not { Length: 8 } || text[4] != '-' || char.ToUpperInvariant(text[5]) != 'W') return null;
        if (!int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(6, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var week)
            || year is < 2 or > 9998 || week < 1 || week > ISOWeek.GetWeeksInYear(year)) return null;
        return new IsoWeek(year, week);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-W{Week:00}");
}
