using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace WorkflowService.Benchmarks.Support;

/// <summary>Summary-table columns for <see cref="IStepCounter"/> benchmarks; "-" for the others.</summary>
public sealed class StepColumn : IColumn
{
    public static readonly IColumn StepsPerOperation = new StepColumn("Steps/op", perSecond: false,
        "Interpreter steps (nodes entered, ElementEntered commands) per operation");

    public static readonly IColumn StepsPerSecond = new StepColumn("Steps/s", perSecond: true,
        "Steps/op ÷ median time per operation: interpreter steps per second on one core");

    private readonly bool _perSecond;

    private StepColumn(string name, bool perSecond, string legend)
    {
        ColumnName = name;
        _perSecond = perSecond;
        Legend = legend;
    }

    public string Id => nameof(StepColumn) + "." + ColumnName;
    public string ColumnName { get; }
    public string Legend { get; }
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => _perSecond ? 1 : 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (!_perSecond) return StepRate.StepsPerOperation(benchmarkCase)?.ToString("N0", style.CultureInfo) ?? "-";
        return StepRate.StepsPerSecond(summary, benchmarkCase)?.ToString("N0", style.CultureInfo) ?? "-";
    }

    public override string ToString() => ColumnName;
}
