using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.AfterSales;
using WorkflowService.AfterSales.Reports.Kpis;
using WorkflowService.AfterSales.Reports.Monthly;
using WorkflowService.AfterSales.Reports.Quality;
using WorkflowService.Web.Api;
using WorkflowService.Web.Auth;

namespace WorkflowService.Web.Pages.Reports;

/// <summary>
/// The managers' dashboard: the KPIs of a period and the further figures (<see cref="DashboardReport"/>) as tiles and
/// tables, rendered here (the numbers read without script, each a link to the cases behind it), and the data of its
/// charts embedded as JSON for dashboard.js to draw.
/// </summary>
[Authorize(Policy = Policies.Reports)]
public sealed class IndexModel(KpiReport kpis, RequestVolume volume, DashboardReport dashboard, DepartmentDay days) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    public KpiFigures? Figures { get; private set; }
    public DashboardFigures? More { get; private set; }
    public IReadOnlyList<DailyRequests> Volume { get; private set; } = [];

    /// <summary>The first and last day shown (to inclusive), what the links to the orders list filter on.</summary>
    public (DateOnly First, DateOnly Last) Shown { get; private set; }

    public bool Unreadable { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Period = DashboardPeriod.Choices.Contains(Period ?? "") ? Period! : DashboardPeriod.Month;
        if (DashboardPeriod.Days(Period, From, To, days.Today) is not { } shown)
        {
            Unreadable = true;
            return;
        }
        Shown = shown;
        (From, To) = (DashboardPeriod.Text(shown.First), DashboardPeriod.Text(shown.Last));
        var period = DashboardPeriod.Of(shown, days);
        Figures = await kpis.CountAsync(period, ct);
        Volume = await volume.ByDayAsync(period, ct);
        More = await dashboard.CountAsync(period, ct);
    }

    /// <summary>The KPI table of the period shown as a workbook (the page is signed in with the cookie, the API is not).</summary>
    public async Task<IActionResult> OnGetExcelAsync([FromServices] TimeProvider clock, CancellationToken ct)
    {
        Period = DashboardPeriod.Choices.Contains(Period ?? "") ? Period! : DashboardPeriod.Month;
        if (DashboardPeriod.Days(Period, From, To, days.Today) is not { } shown) return BadRequest();
        var figures = await kpis.CountAsync(DashboardPeriod.Of(shown, days), ct);
        return ExcelDownload.File(KpiSheet.Kpis(figures, System.Globalization.CultureInfo.CurrentUICulture), "kpis", clock);
    }

    /// <summary>The monthly summary's workbook of a month (the month of the period's last day on the button).</summary>
    public async Task<IActionResult> OnGetMonthlyAsync([FromServices] MonthlySummaryWorkbook workbook, string? month, CancellationToken ct)
    {
        if (ReportMonth.Parse(month) is not { } m) return BadRequest();
        var (content, name) = await PeriodReportsApi.MonthlyFileAsync(m, workbook, kpis, days, ct);
        return File(content, Runtime.Sheets.SheetWriter.ContentType, name);
    }

    /// <summary>The weekly quality feedback's workbook of an ISO week (the week of the period's last day on the button).</summary>
    public async Task<IActionResult> OnGetWeeklyAsync([FromServices] WeeklyQualityBuilder builder, string? week, CancellationToken ct)
    {
        if (IsoWeek.Parse(week) is not { } w) return BadRequest();
        var (content, name) = await PeriodReportsApi.WeeklyFileAsync(w, builder, ct);
        return File(content, Runtime.Sheets.SheetWriter.ContentType, name);
    }

    /// <summary>The month and the ISO week of the period's last day, for the report buttons.</summary>
    public (ReportMonth Month, IsoWeek Week) ReportsOfLastDay => (ReportMonth.Of(Shown.Last), IsoWeek.Of(Shown.Last));

    /// <summary>When the open orders were counted, as the department reads it.</summary>
    public string OpenAtText => ReportsApi.LocalTime(More!.OpenAt, days);

    /// <summary>The list of a number's cases for the days shown.</summary>
    public string Cases(string number) => NumberText.CasesUrl(number, Shown.First, Shown.Last);

    /// <summary>Up to this many days the volume chart has a bar per day; a longer period has one per month.</summary>
    public const int DailyBarsUpTo = 92;

    /// <summary>
    /// The charts' data: labels already translated, so the script only draws. Every day (or month) of the period is on
    /// the axis, those without a request as 0.
    /// </summary>
    public string ChartJson(Func<string, string> ruleText, Func<string, string> typeText, IReadOnlyDictionary<string, string> texts,
        Func<string, string> causeText, Func<string, string> ageText, Func<string, string> personText)
    {
        var figures = Figures!;
        var more = More!;
        // A distribution's bars: key (what its link filters on), label, count and the list it links to.
        object Bars(IReadOnlyDictionary<string, int> counts, Func<string, string> label, Func<string, string> url) => counts
            .Select(c => new { key = c.Key, label = label(c.Key), count = c.Value, url = url(c.Key) }).ToList();
        var rules = figures.BreachesByRule.Keys.ToList();
        var daily = Shown.Last.DayNumber - Shown.First.DayNumber < DailyBarsUpTo;
        string Bucket(DateOnly day) => daily ? DashboardPeriod.Text(day) : day.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var buckets = new List<string>();
        var first = daily ? Shown.First : new DateOnly(Shown.First.Year, Shown.First.Month, 1);
        for (var d = first; d <= Shown.Last; d = daily ? d.AddDays(1) : d.AddMonths(1)) buckets.Add(Bucket(d));
        var types = Volume.Select(v => v.Type).Distinct().Order(StringComparer.Ordinal).ToList();
        var counts = Volume.GroupBy(v => (v.Type, Bucket: Bucket(v.Day))).ToDictionary(g => g.Key, g => g.Sum(v => v.Count));
        var data = new
        {
            texts,
            period = new { from = DashboardPeriod.Text(Shown.First), to = DashboardPeriod.Text(Shown.Last) },
            breaches = new
            {
                rules,
                labels = rules.Select(ruleText).ToList(),
                counts = rules.Select(r => figures.BreachesByRule[r]).ToList(),
            },
            satisfaction = Bars(more.Satisfaction, s => s, s => Cases($"{KpiNumber.Satisfaction}:{s}")),
            causes = Bars(more.ComplaintsByCause, causeText, c => Cases($"{KpiNumber.Cause}:{c}")),
            ages = Bars(more.OpenOrdersByAge, ageText, a => Cases($"{KpiNumber.Age}:{a}")),
            persons = Bars(more.BreachesByPerson, personText, p => NumberText.BreachesUrl(Shown.First, Shown.Last, person: p)),
            volume = new
            {
                days = buckets,
                series = types.Select(t => new
                {
                    type = t,
                    name = typeText(t),
                    counts = buckets.Select(b => counts.GetValueOrDefault((t, b))).ToList(),
                }).ToList(),
            },
        };
        // The default encoder writes <, > and & as \u escapes: the JSON cannot close the <script> block it sits in.
        return JsonSerializer.Serialize(data, JsonSerializerOptions.Web);
    }
}
