using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace WorkflowService.Engine.Timers;

/// <summary>
/// An ISO 8601 duration <c>PnYnMnWnDTnHnMnS</c> with calendar parts: years, months and days
/// are added on the calendar (<c>P1M</c> from 31 January is 28 or 29 February), the time part
/// exactly. Weeks are stored as days (<c>P2W</c> is <c>P14D</c>). Never negative; may be zero
/// (<c>PT0S</c>), which a cycle refuses.
/// </summary>
public readonly record struct IsoDuration(int Years, int Months, int Days, TimeSpan Time)
{
    internal const string Expected = "expected e.g. PT5M, P1D";

    public bool IsZero => Years == 0 && Months == 0 && Days == 0 && Time == TimeSpan.Zero;

    /// <summary>True when every part is a fixed length (no years or months), so the length is exact.</summary>
    internal bool IsFixedLength => Years == 0 && Months == 0;

    internal TimeSpan FixedLength => TimeSpan.FromDays(Days) + Time;

    public static bool TryParse(string text, out IsoDuration duration) => TryParse(text, out duration, out _);

    /// <exception cref="FormatException">The text, and what a duration looks like.</exception>
    public static IsoDuration Parse(string text) =>
        TryParse(text, out var duration, out var error) ? duration : throw new FormatException(error);

    /// <summary>Years and months on the calendar first, then days, then the time part.</summary>
    /// <exception cref="FormatException">The result would lie past the year 9999.</exception>
    public DateTimeOffset AddTo(DateTimeOffset instant)
    {
        try
        {
            return instant.AddYears(Years).AddMonths(Months).AddDays(Days).Add(Time);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new FormatException($"'{this}' reaches beyond the dates a timer can hold (years 1 to 9999)");
        }
    }

    /// <summary>Durations longer than this are refused at publication: they only ever serve to overflow a date.</summary>
    public const int MaxYears = 1_000;

    internal bool IsLongerThanMaxYears => Years * 366m + Months * 31m + Days + (decimal)Time.TotalDays > MaxYears * 366m;

    /// <summary>The canonical form: <c>P1Y2M3DT4H5M6.5S</c>, <c>P14D</c>, <c>PT0S</c>; it parses back to an equal value.</summary>
    public override string ToString()
    {
        if (IsZero) return "PT0S";
        var text = new StringBuilder("P");
        if (Years != 0) text.Append(CultureInfo.InvariantCulture, $"{Years}Y");
        if (Months != 0) text.Append(CultureInfo.InvariantCulture, $"{Months}M");
        if (Days != 0) text.Append(CultureInfo.InvariantCulture, $"{Days}D");
        if (Time == TimeSpan.Zero) return text.ToString();

        text.Append('T');
        var hours = (long)Time.TotalHours;
        if (hours != 0) text.Append(CultureInfo.InvariantCulture, $"{hours}H");
        if (Time.Minutes != 0) text.Append(CultureInfo.InvariantCulture, $"{Time.Minutes}M");
        var fraction = Time.Ticks % TimeSpan.TicksPerSecond;
        if (Time.Seconds != 0 || fraction != 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Time.Seconds}");
            if (fraction != 0) text.Append('.').Append(fraction.ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0'));
            text.Append('S');
        }
        return text.ToString();
    }

    /// <summary>
    /// Designators in order (Y M W D, then T and H M S), each at most once, non-negative numbers;
    /// the last time part may have a fraction (<c>PT0.5S</c>, <c>PT1.5H</c>). Lower-case
    /// designators are accepted, as Java's parsers (and so Camunda) accept them.
    /// </summary>
    internal static bool TryParse(string? text, out IsoDuration duration, [NotNullWhen(false)] out string? error)
    {
        duration = default;
        var trimmed = text?.Trim() ?? "";
        var source = trimmed.ToUpperInvariant();
        error = $"'{trimmed}' is not an ISO 8601 duration ({Expected})";
        if (source.StartsWith('-'))
        {
            error = $"'{trimmed}' is negative; a duration must not be negative ({Expected})";
            return false;
        }
        if (source is "P" or "PT")
        {
            error = $"'{trimmed}' is an empty duration: it names no years, months, days, hours, minutes or seconds ({Expected})";
            return false;
        }
        if (source.Length < 2 || source[0] != 'P') return false;

        const string dateDesignators = "YMWD", timeDesignators = "HMS";
        int years = 0, months = 0, weeks = 0, days = 0;
        decimal hours = 0, minutes = 0, seconds = 0;
        var inTime = false;
        var lastOrder = -1;
        var parts = 0;
        var hasFraction = false;
        for (var i = 1; i < source.Length;)
        {
            if (source[i] == 'T')
            {
                if (inTime || i == source.Length - 1) return false;
                inTime = true;
                lastOrder = -1;
                i++;
                continue;
            }
            var start = i;
            while (i < source.Length && (char.IsAsciiDigit(source[i]) || source[i] is '.' or ',')) i++;
            if (i == start || i == source.Length || hasFraction) return false;
            var number = source[start..i].Replace(',', '.');
            var order = (inTime ? timeDesignators : dateDesignators).IndexOf(source[i]);
            if (order <= lastOrder) return false;
            lastOrder = order;
            i++;
            parts++;
            hasFraction = number.Contains('.');
            if (hasFraction && !inTime) return false;
            if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
                || value > int.MaxValue)
                return false;
            switch (inTime, order)
            {
                case (false, 0): years = (int)value; break;
                case (false, 1): months = (int)value; break;
                case (false, 2): weeks = (int)value; break;
                case (false, 3): days = (int)value; break;
                case (true, 0): hours = value; break;
                case (true, 1): minutes = value; break;
                default: seconds = value; break;
            }
        }
        if (parts == 0) return false;
        int totalDays;
        decimal ticks;
        try
        {
            totalDays = checked(weeks * 7 + days);
            ticks = decimal.Round((hours * 3600m + minutes * 60m + seconds) * TimeSpan.TicksPerSecond);
        }
        catch (OverflowException)
        {
            return false;
        }
        if (ticks > TimeSpan.MaxValue.Ticks) return false;
        duration = new IsoDuration(years, months, totalDays, TimeSpan.FromTicks((long)ticks));
        error = null;
        return true;
    }
}
