using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.AfterSales;
using WorkflowService.AfterSales.Reports.Kpis;
using WorkflowService.Web.Api;

namespace WorkflowService.Web.Pages.Reports;

/// <summary>
/// The managers' dashboard: the KPIs of a period as tiles, rendered here (the numbers read without script), and the
/// data of its two charts — breaches by rule, requests by type per day — embedded as JSON for dashboard.js to draw.
/// </summary>
[Authorize(Roles = LedgerApi.Readers)] // the KPI API's ReportsApi.Readers, as one attribute string
public sealed class IndexModel(KpiReport kpis, RequestVolume volume, DepartmentDay days) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    public KpiFigures? Figures { get; private set; }
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
    }

    /// <summary>Up to this many days the volume chart has a bar per day; a longer period has one per month.</summary>
    public const int DailyBarsUpTo = 92;

    /// <summary>
    /// The charts' data: labels already translated, so the script only draws. Every day (or month) of the period is on
    /// the axis, those without a request as 0.
    /// </summary>
    public string ChartJson(Func<string, string> ruleText, Func<string, string> typeText, IReadOnlyDictionary<string, string> texts)
    {
        var figures = Figures!;
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
            breaches = new
            {
                rules,
                labels = rules.Select(ruleText).ToList(),
                counts = rules.Select(r => figures.BreachesByRule[r]).ToList(),
            },
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
