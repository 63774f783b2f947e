using System.Globalization;
using WorkflowService.Engine.Calendars;
using WorkflowService.Runtime.Calendars;
using WorkflowService.Runtime.Instances;

namespace WorkflowService.Web.Pages.Admin.Calendars;

/// <summary>
/// The calendar form as typed: every value stays text, so a refused form comes back exactly as it was.
/// Rows left blank or ticked "remove" are dropped; a few blank rows are always offered for adding.
/// </summary>
public sealed class CalendarForm
{
    public const int BlankPeriods = 2;
    public const int BlankExceptions = 3;

    public string? TimeZone { get; set; }
    public List<string> WorkingDays { get; set; } = [];
    public List<PeriodRow> Periods { get; set; } = [];
    public List<ExceptionRow> Exceptions { get; set; } = [];
    public string? ScheduledYears { get; set; }
    public int Version { get; set; }

    public static CalendarForm From(CalendarDefinition definition, int version)
    {
        var document = CalendarDocument.From(definition);
        return new CalendarForm
        {
            TimeZone = definition.TimeZone,
            WorkingDays = document.WorkingDays!,
            Periods = [.. document.Periods!.Select(p => new PeriodRow { Start = p.Start, End = p.End })],
            Exceptions = [.. document.Exceptions!.Select(e => new ExceptionRow { Date = e.Date, Working = e.Working == true ? "on" : "off", Name = e.Name })],
            ScheduledYears = string.Join(", ", definition.ScheduledYears.Order()),
            Version = version,
        }.WithBlankRows();
    }

    public CalendarForm WithBlankRows()
    {
        Periods = [.. Periods.Where(p => !p.IsBlank), .. Enumerable.Range(0, BlankPeriods).Select(_ => new PeriodRow())];
        Exceptions = [.. Exceptions.Where(e => !e.IsBlank), .. Enumerable.Range(0, BlankExceptions).Select(_ => new ExceptionRow())];
        return this;
    }

    /// <summary>The definition typed, or every value that does not read (fields as the API names them).</summary>
    public CalendarDefinition ToDefinition(string name, out List<ValidationError> errors)
    {
        List<ValidationError> yearErrors = [];
        var years = Years(yearErrors);
        var definition = new CalendarDocument
        {
            Name = name,
            TimeZone = TimeZone?.Trim(),
            WorkingDays = WorkingDays,
            Periods = [.. Periods.Where(p => !p.Remove && !p.IsBlank).Select(p => new PeriodDocument(p.Start?.Trim(), p.End?.Trim()))],
            Exceptions = [.. Exceptions.Where(e => !e.Remove && !e.IsBlank)
                .Select(e => new ExceptionDocument(e.Date?.Trim(), e.Working == "on", e.Name))],
            ScheduledYears = years,
        }.ToDefinition(name, out errors);
        errors.AddRange(yearErrors);
        return definition;
    }

    private List<int> Years(List<ValidationError> errors)
    {
        List<int> years = [];
        foreach (var part in (ScheduledYears ?? "").Split([',', ' ', '，', '、'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var year)) years.Add(year);
            else errors.Add(new ValidationError($"'{part}' is not a year", "scheduledYears", "format", Argument: part));
        }
        return years;
    }
}

public sealed class PeriodRow
{
    public string? Start { get; set; }
    public string? End { get; set; }
    public bool Remove { get; set; }
    public bool IsBlank => string.IsNullOrWhiteSpace(Start) && string.IsNullOrWhiteSpace(End);
}

public sealed class ExceptionRow
{
    public string? Date { get; set; }

    /// <summary><c>off</c> (a holiday) or <c>on</c> (a make-up working day, 调休).</summary>
    public string? Working { get; set; } = "off";
    public string? Name { get; set; }
    public bool Remove { get; set; }
    public bool IsBlank => string.IsNullOrWhiteSpace(Date) && string.IsNullOrWhiteSpace(Name);
}
