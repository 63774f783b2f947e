using System.ComponentModel.DataAnnotations;

namespace WorkflowService.AfterSales.Reports.Ledger;

/// <summary><c>Reports:*</c>: the amounts of the engineers' ledger, in yuan (the regulations' 10 yuan a valid job, 20 a late slip or report).</summary>
public sealed class LedgerOptions
{
    public const string Section = "Reports";

    /// <summary>The subsidy per valid job (有效维修服务单): 10 yuan.</summary>
    [Range(0, 100_000)]
    public decimal SubsidyPerValidJob { get; set; } = 10m;

    /// <summary>The fine per repair slip handed in late (a repair-slip-2d breach): 20 yuan.</summary>
    [Range(0, 100_000)]
    public decimal LateSlipFine { get; set; } = 20m;

    /// <summary>The fine per job not reported at the next day's stand-up (a <see cref="EngineersLedger.LateReportRule"/> breach): 20 yuan.</summary>
    [Range(0, 100_000)]
    public decimal LateReportFine { get; set; } = 20m;
}
