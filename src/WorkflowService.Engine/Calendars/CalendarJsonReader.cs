using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace WorkflowService.Engine.Calendars;

/// <summary>One read of a calendar's JSON form, collecting every problem with its path (see <see cref="CalendarJson"/>).</summary>
internal sealed class CalendarJsonReader
{
    private static readonly string[] TimeFormats = ["HH:mm", "HH:mm:ss", "H:mm"];

    private readonly List<string> _problems = [];

    public IReadOnlyList<string> Problems => _problems;

    public CalendarDefinition Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            _problems.Add($"$: expected an object with name, timeZone, workingDays, periods, exceptions and scheduledYears, found {Kind(root)}");
            return new CalendarDefinition { Name = "" };
        }
        string? name = null, timeZone = null;
        var definition = new CalendarDefinition { Name = "" };
        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "name": name = Text(value, "name"); break;
                case "timeZone": timeZone = value.ValueKind == JsonValueKind.Null ? null : Text(value, "timeZone"); break;
                case "workingDays": definition = definition with { WorkingDays = Items(value, "workingDays", WorkingDay) }; break;
                case "periods": definition = definition with { Periods = Items(value, "periods", Period) }; break;
                case "exceptions": definition = definition with { Exceptions = Items(value, "exceptions", Exception) }; break;
                case "scheduledYears": definition = definition with { ScheduledYears = Items(value, "scheduledYears", Year) }; break;
                default: _problems.Add($"{property.Name}: unknown property (expected name, timeZone, workingDays, periods, exceptions, scheduledYears)"); break;
            }
        }
        if (name is null && !root.TryGetProperty("name", out _)) _problems.Add("name: missing");
        return definition with { Name = name ?? "", TimeZone = timeZone };
    }

    private ImmutableArray<T> Items<T>(JsonElement value, string path, Func<JsonElement, string, T?> item) where T : struct =>
        ItemsOf<T>(value, path, (element, at) => item(element, at) is { } found ? [found] : []);

    private ImmutableArray<CalendarDay> Items(JsonElement value, string path, Func<JsonElement, string, CalendarDay?> item) =>
        ItemsOf<CalendarDay>(value, path, (element, at) => item(element, at) is { } found ? [found] : []);

    /// <summary>The array's items that read without a problem (a problem is recorded, the item left out).</summary>
    private ImmutableArray<T> ItemsOf<T>(JsonElement value, string path, Func<JsonElement, string, T[]> item)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            _problems.Add($"{path}: expected an array, found {Kind(value)}");
            return [];
        }
        var items = ImmutableArray.CreateBuilder<T>();
        var index = 0;
        foreach (var element in value.EnumerateArray()) items.AddRange(item(element, $"{path}[{index++}]"));
        return items.ToImmutable();
    }

    private DayOfWeek? WorkingDay(JsonElement value, string path)
    {
        var text = Text(value, path);
        if (text is null) return null;
        foreach (var day in Enum.GetValues<DayOfWeek>())
            if (string.Equals(CalendarJson.DayName(day), text, StringComparison.OrdinalIgnoreCase)) return day;
        _problems.Add($"{path}: '{text}' is not a day of the week (expected monday, tuesday, ... sunday)");
        return null;
    }

    private WorkingPeriod? Period(JsonElement value, string path)
    {
        if (!IsObject(value, path, ["start", "end"])) return null;
        var start = TimeOfDay(value, path, "start");
        var end = TimeOfDay(value, path, "end");
        return start is { } s && end is { } e ? new WorkingPeriod(s, e) : null;
    }

    private CalendarDay? Exception(JsonElement value, string path)
    {
        if (!IsObject(value, path, ["date", "working", "name"])) return null;
        DateOnly? date = null;
        bool? working = null;
        string? name = null;
        if (Required(value, path, "date") is { } dateValue && Text(dateValue, $"{path}.date") is { } dateText)
        {
            if (DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) date = parsed;
            else _problems.Add($"{path}.date: '{dateText}' is not a date (expected yyyy-MM-dd, e.g. 2026-02-15)");
        }
        if (Required(value, path, "working") is { } workingValue)
        {
            if (workingValue.ValueKind is JsonValueKind.True or JsonValueKind.False) working = workingValue.GetBoolean();
            else _problems.Add($"{path}.working: expected true (a make-up working day) or false (a day off), found {Kind(workingValue)}");
        }
        if (value.TryGetProperty("name", out var nameValue) && nameValue.ValueKind != JsonValueKind.Null)
            name = Text(nameValue, $"{path}.name");
        return date is { } d && working is { } w ? new CalendarDay(d, w, name) : null;
    }

    private int? Year(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var year)) return year;
        _problems.Add($"{path}: expected a year such as 2026, found {Kind(value)}");
        return null;
    }

    private TimeOnly? TimeOfDay(JsonElement value, string path, string property)
    {
        if (Required(value, path, property) is not { } element || Text(element, $"{path}.{property}") is not { } text) return null;
        if (TimeOnly.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)) return time;
        _problems.Add($"{path}.{property}: '{text}' is not a time of day (expected HH:mm, e.g. 08:30)");
        return null;
    }

    private bool IsObject(JsonElement value, string path, string[] known)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            _problems.Add($"{path}: expected an object, found {Kind(value)}");
            return false;
        }
        foreach (var property in value.EnumerateObject())
            if (!known.Contains(property.Name))
                _problems.Add($"{path}.{property.Name}: unknown property (expected {string.Join(", ", known)})");
        return true;
    }

    private JsonElement? Required(JsonElement value, string path, string property)
    {
        if (value.TryGetProperty(property, out var element)) return element;
        _problems.Add($"{path}.{property}: missing");
        return null;
    }

    private string? Text(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        _problems.Add($"{path}: expected a string, found {Kind(value)}");
        return null;
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"'{value.GetString()}'",
        JsonValueKind.Null => "null",
        _ => value.GetRawText(),
    };
}
