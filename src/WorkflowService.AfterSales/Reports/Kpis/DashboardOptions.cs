using System.ComponentModel.DataAnnotations;

namespace WorkflowService.AfterSales.Reports.Kpis;

/// <summary><c>Reports:*</c> read by the dashboard's figures.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Reports";

    /// <summary>
    /// A repair is not a first-time fix when a new repair order for one of its devices is received within this many
    /// days after the repair work finished (README, "Reports: what each number means").
    /// </summary>
    [Range(1, 365)]
    public int FirstTimeFixDays { get; set; } = 30;
}
