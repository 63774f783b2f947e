using System.Globalization;
using WorkflowService.AfterSales.Export;
using WorkflowService.Runtime.Calendars;
using static WorkflowService.AfterSales.Export.ListSheet;

namespace WorkflowService.Web.Exports;

/// <summary>
/// A calendar's dated days (holidays and make-up working days) as a workbook, by date, as the calendar page lists them,
/// with the weekday so that a make-up Saturday reads as one.
/// </summary>
public sealed class CalendarSheet(CalendarStore store, ListTexts texts)
{
    private static readonly string[] ChineseDays = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];

    /// <exception cref="Runtime.Instances.NotFoundException">No calendar has that name.</exception>
    public async Task<byte[]> DaysAsync(string name, CultureInfo culture, CancellationToken ct = default)
    {
        var zh = IsChinese(culture);
        var calendar = await store.GetAsync(name, ct);
        var rows = calendar.Definition.Exceptions.OrderBy(d => d.Date).Select(d => (IReadOnlyList<object?>)
        [
            Date(d.Date), zh ? ChineseDays[(int)d.Date.DayOfWeek] : d.Date.DayOfWeek.ToString(),
            texts[d.Working ? "Calendars.On" : "Calendars.Off"].In(zh), d.Name,
        ]);
        return Write(texts["Calendars.Exceptions"], [texts["Calendars.Date"], new("星期", "Weekday"),
            .. texts.Of("Calendars.Kind", "Calendars.HolidayName")], rows, culture);
    }
}
