using WorkflowService.AfterSales;
using WorkflowService.AfterSales.Reports.Kpis;
using WorkflowService.Runtime.Instances;
using WorkflowService.Web.Localization;
using WorkflowService.Web.Records;

namespace WorkflowService.Web.Pages.Reports;

/// <summary>How the dashboard and its drill-down lists name a number, a cause, an age bucket, a rule; and where a number links.</summary>
public static class NumberText
{
    /// <summary>The list of a number's cases for the days shown.</summary>
    public static string CasesUrl(string number, DateOnly first, DateOnly last) =>
        $"/reports/cases?number={Uri.EscapeDataString(number)}&from={DashboardPeriod.Text(first)}&to={DashboardPeriod.Text(last)}";

    /// <summary>The breaches list filtered to the days shown and a rule or a person (the breach numbers' list).</summary>
    public static string BreachesUrl(DateOnly first, DateOnly last, string? rule = null, string? person = null) =>
        $"/breaches?from={DashboardPeriod.Text(first)}&to={DashboardPeriod.Text(last)}"
        + (rule is null ? "" : $"&rule={Uri.EscapeDataString(rule)}") + (person is null ? "" : $"&person={Uri.EscapeDataString(person)}");

    public static string Rule(T t, string rule) => ServiceRules.Title(rule, RecordText.Chinese(t));

    public static string Cause(T t, string cause) => ComplaintCauses.Name(cause, RecordText.Chinese(t));

    public static string Age(T t, string bucket) => Or(t, "Age." + bucket, bucket);

    public static string Person(T t, string person) => person == BreachFilter.NoOne ? t["Dashboard.NoOne"] : person;

    public static string Of(T t, KpiNumber number) => number.Name switch
    {
        KpiNumber.Satisfaction when number.Value is { } score => t.Format("Number.satisfaction-score", score),
        KpiNumber.Cause => t.Format("Number.cause", Cause(t, number.Value!)),
        KpiNumber.Age => t.Format("Number.age", Age(t, number.Value!)),
        KpiNumber.Rule => t.Format("Number.rule", Rule(t, number.Value!)),
        KpiNumber.Person => t.Format("Number.person", Person(t, number.Value!)),
        _ => t["Number." + number.Name],
    };

    private static string Or(T t, string key, string fallback)
    {
        var text = t[key];
        return text == key ? fallback : text;
    }
}
