using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace WorkflowService.Engine.Timers;

/// <summary>A parsed <c>timeCycle</c>: <c>R[n]/[start/]interval</c>.</summary>
internal sealed record TimerCycle(int? Repetitions, DateTimeOffset? Start, IsoDuration Interval);

/// <summary>
/// Parses the ISO 8601 texts of <c>timeDate</c> and <c>timeCycle</c>. Errors are messages that
/// quote the text and show what is expected, because they reach process owners unchanged.
/// </summary>
internal static partial class TimerText
{
    /// <summary>Timers run in whole seconds (Hangfire's schedules); a shorter cycle could only fire late and pile up.</summary>
    public static readonly TimeSpan MinCycleInterval = TimeSpan.FromSeconds(1);

    public const string DateExpected = "expected e.g. 2026-03-01T09:00:00Z or 2026-03-01";
    public const string CycleExpected = "expected e.g. R/PT1H, R3/PT10M or R3/2026-01-01T00:00:00Z/PT1H";
    public const string CronRefused = "cron timer cycles are not supported; use an ISO 8601 repeating interval such as R/P1D";

    public static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// <c>yyyy-MM-ddTHH:mm[:ss[.fffffff]]</c> with <c>Z</c> or <c>±hh:mm</c> (none means UTC), or a
    /// date alone (midnight UTC). Returned in UTC.
    /// </summary>
    public static bool TryParseDate(string text, out DateTimeOffset instant, [NotNullWhen(false)] out string? error)
    {
        instant = default;
        var trimmed = text.Trim();
        error = $"'{trimmed}' is not an ISO 8601 date-time ({DateExpected})";
        var match = IsoDateTime().Match(trimmed.ToUpperInvariant());
        if (!match.Success) return false;

        int Number(string group) => match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        var offset = TimeSpan.Zero;
        if (match.Groups["offset"].Success && match.Groups["offset"].Value != "Z")
        {
            var sign = match.Groups["offset"].Value[0] == '-' ? -1 : 1;
            offset = sign * new TimeSpan(Number("offsetHours"), Number("offsetMinutes"), 0);
        }
        var fraction = match.Groups["fraction"].Value.PadRight(7, '0');
        try
        {
            instant = new DateTimeOffset(Number("year"), Number("month"), Number("day"),
                    Number("hour"), Number("minute"), Number("second"), offset)
                .AddTicks(long.Parse(fraction, CultureInfo.InvariantCulture))
                .ToUniversalTime();
            error = null;
            return true;
        }
        catch (ArgumentException)
        {
            error = $"'{trimmed}' is not a valid date-time: a part is out of range ({DateExpected})";
            return false;
        }
    }

    public static bool TryParseCycle(string text, [NotNullWhen(true)] out TimerCycle? cycle, [NotNullWhen(false)] out string? error)
    {
        cycle = null;
        var trimmed = text.Trim();
        error = $"'{trimmed}' is not an ISO 8601 repeating interval ({CycleExpected})";
        if (LooksLikeCron(trimmed))
        {
            error = $"'{trimmed}': {CronRefused}";
            return false;
        }

        var parts = trimmed.Split('/');
        if (parts.Length is not (2 or 3) || parts[0].Length == 0 || char.ToUpperInvariant(parts[0][0]) != 'R') return false;

        int? repetitions = null;
        if (parts[0].Length > 1)
        {
            if (!int.TryParse(parts[0].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var count)) return false;
            if (count == 0)
            {
                error = $"'{trimmed}' never fires: the repetition count must be at least 1 (or R alone for no end)";
                return false;
            }
            repetitions = count;
        }

        DateTimeOffset? start = null;
        if (parts.Length == 3)
        {
            if (!TryParseDate(parts[1], out var startDate, out var dateError))
            {
                error = $"'{trimmed}' has an invalid start: {dateError}";
                return false;
            }
            start = startDate;
        }

        if (!IsoDuration.TryParse(parts[^1], out var interval, out var durationError))
        {
            error = $"'{trimmed}' has an invalid interval: {durationError}";
            return false;
        }
        if (interval.IsZero)
        {
            error = $"'{trimmed}' has a zero interval: a cycle must wait longer than nothing between firings";
            return false;
        }
        cycle = new TimerCycle(repetitions, start, interval);
        error = null;
        return true;
    }

    /// <summary>Five to seven space-separated fields: Quartz or Unix cron, as Camunda allows.</summary>
    private static bool LooksLikeCron(string text) =>
        text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Length is >= 5 and <= 7;

    [GeneratedRegex(@"^(?<year>[0-9]{4})-(?<month>[0-9]{2})-(?<day>[0-9]{2})(T(?<hour>[0-9]{2}):(?<minute>[0-9]{2})(:(?<second>[0-9]{2})([.,](?<fraction>[0-9]{1,7}))?)?(?<offset>Z|[+-](?<offsetHours>[0-9]{2}):(?<offsetMinutes>[0-9]{2}))?)?$")]
    private static partial Regex IsoDateTime();
}
