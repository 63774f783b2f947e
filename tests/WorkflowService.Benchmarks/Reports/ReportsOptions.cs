using System.Globalization;

namespace WorkflowService.Benchmarks.Reports;

/// <summary>The <c>reports</c> suite's switches (README, "Reports").</summary>
internal sealed record ReportsOptions(
    bool PostgreSql, int Orders, int Calls, DateOnly Month, int KpiCalls, int BeforeCalls, int LedgerCalls, bool SkipBefore, string? DataPath,
    string? Database, int BeforeLimitSeconds = 120, int WorkbookRuns = 5, bool WorkbookOnly = false, bool DashboardOnly = false)
{
    public static ReportsOptions Parse(IReadOnlyList<string> args)
    {
        var options = new ReportsOptions(false, 100_000, 120_000, new DateOnly(2026, 10, 1), 200, 5, 20, false, null, null);
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Number() => int.Parse(Next(), CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--pg" => options with { PostgreSql = true },
                "--orders" => options with { Orders = Number() },
                "--calls" => options with { Calls = Number() },
                "--month" => options with { Month = DateOnly.ParseExact(Next() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture) },
                "--kpi-calls" => options with { KpiCalls = Number() },
                "--before-calls" => options with { BeforeCalls = Number() },
                "--ledger-calls" => options with { LedgerCalls = Number() },
                "--no-before" => options with { SkipBefore = true },
                "--before-limit" => options with { BeforeLimitSeconds = Number() },
                // SQLite: load into this folder once, reuse it on later runs (kept). PostgreSQL: an existing loaded database, kept.
                "--data" => options with { DataPath = Path.GetFullPath(Next()) },
                "--database" => options with { Database = Next() },
                "--workbook-runs" => options with { WorkbookRuns = Number() },
                // The monthly workbook alone (after the KPIs it needs, counted once): no KPI timing, no "before", no ledger.
                "--workbook-only" => options with { WorkbookOnly = true },
                // The dashboard's further figures and the ledger alone (after the KPIs, counted once).
                "--dashboard-only" => options with { DashboardOnly = true },
                "--quick" => options with { Orders = 10_000, Calls = 12_000, KpiCalls = 50, BeforeCalls = 10, LedgerCalls = 5, WorkbookRuns = 2 },
                var other => throw new ArgumentException($"unknown option {other}"),
            };
        }
        return options;
    }
}
