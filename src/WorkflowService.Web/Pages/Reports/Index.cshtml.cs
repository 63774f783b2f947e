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

    /// <summary>The charts' data: labels already translated, so the script only draws. Every day of the period is on the axis.</summary>
    public string ChartJson(Func<string, string> ruleText, Func<string, string> typeText, IReadOnlyDictionary<string, string> texts)
    {
        var figures = Figures!;
        var rules = figures.BreachesByRule.Keys.ToList();
        var dayList = new List<string>();
        for (var d = Shown.First; d <= Shown.Last && dayList.Count < 400; d = d.AddDays(1)) dayList.Add(DashboardPeriod.Text(d));
        var types = Volume.Select(v => v.Type).Distinct().Order(StringComparer.Ordinal).ToList();
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
                days = dayList,
                series = types.Select(t => new
                {
                    type = t,
                    name = typeText(t),
                    counts = dayList.Select(day => Volume.Where(v => v.Type == t && DashboardPeriod.Text(v.Day) == day).Sum(v => v.Count)).ToList(),
                }).ToList(),
            },
        };
        // The default encoder writes <, > and & as \u escapes: the JSON cannot close the <script> block it sits in.
        return JsonSerializer.Serialize(data, JsonSerializerOptions.Web);
    }
}
