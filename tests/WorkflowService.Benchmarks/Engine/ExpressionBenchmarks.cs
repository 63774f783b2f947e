using System.Collections.Immutable;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using WorkflowService.Benchmarks.Runtime;
using WorkflowService.Benchmarks.Support;
using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Expressions;
using WorkflowService.Engine.Model;
using WorkflowService.Engine.Parsing;

namespace WorkflowService.Benchmarks.Engine;

/// <summary>
/// What one expression costs, computed without an engine and in a fresh Jint sandbox, and what a
/// repair start costs with it. The sandboxed twin of each expression is the same expression behind
/// a comma (<c>(0, …)</c>): outside the engine-free subset, so it runs in Jint exactly as every
/// expression did before. The expression is the one a repair start evaluates twice (the countFrom
/// of acceptRequest and of its 24 h timer); the runtime's work orders carry no receivedAt, the
/// interpreter benchmarks' do, so both are measured. The interpreter has the shipped calendar,
/// as in the service: repair counts in calendar <c>default</c>, and without it a start is an incident.
/// </summary>
[MemoryDiagnoser]
public class ExpressionBenchmarks
{
    private const string CountFrom = "${typeof receivedAt == 'string' ? receivedAt : null}";
    private const string CountFromInSandbox = "${(0, typeof receivedAt == 'string' ? receivedAt : null)}";
    private const string Condition = "${units > 10 && inWarranty == false}";
    private const string ConditionInSandbox = "${(0, units > 10 && inWarranty == false)}";
    private const int WarmUpRuns = 20_000;

    private readonly ExpressionEvaluator _evaluator = new();
    private readonly Interpreter _interpreter = new(new InterpreterOptions { Calendars = new ShippedCalendars() });
    private readonly IReadOnlyDictionary<string, JsonElement> _runtimeOrder = RepairWork.OrderFacts;
    private readonly ImmutableDictionary<string, JsonElement> _orderWithReceivedAt = RepairScenario.OrderFacts;
    private ProcessModel _repair = null!;

    [GlobalSetup]
    public void Setup()
    {
        _repair = new BpmnParser().Parse(File.ReadAllText(RepositoryRoot.PathOf("workflows/repair.bpmn"))).Processes.Single(p => p.Key == "repair");
        foreach (var start in new[] { StartRepairAsTheRuntimeDoes(), StartRepairWithReceivedAt() })
        {
            // A start that stopped on an incident would measure nothing.
            if (!start.State.Tokens.Any(t => t.ElementId == "acceptRequest" && t.Wait == WaitKind.UserTask))
                throw new InvalidOperationException("The repair start did not reach acceptRequest: " +
                                                    string.Join(" | ", start.State.Incidents.Select(i => i.Message)));
        }
        // Jint's code needs many runs before tiered JIT settles (RepairScenario.WarmUpJit); the sandboxed twins would otherwise pay for it.
        for (var i = 0; i < WarmUpRuns; i++)
        {
            CountFromInSandboxWithoutReceivedAt();
            CountFromInSandboxWithReceivedAt();
            ConditionInSandboxRun();
            StartRepairAsTheRuntimeDoes();
        }
    }

    [Benchmark]
    public JsonElement CountFromWithoutReceivedAt() => _evaluator.Evaluate(CountFrom, _runtimeOrder, RepairScenario.StartedAt);

    [Benchmark]
    public JsonElement CountFromInSandboxWithoutReceivedAt() => _evaluator.Evaluate(CountFromInSandbox, _runtimeOrder, RepairScenario.StartedAt);

    [Benchmark]
    public JsonElement CountFromWithReceivedAt() => _evaluator.Evaluate(CountFrom, _orderWithReceivedAt, RepairScenario.StartedAt);

    [Benchmark]
    public JsonElement CountFromInSandboxWithReceivedAt() => _evaluator.Evaluate(CountFromInSandbox, _orderWithReceivedAt, RepairScenario.StartedAt);

    [Benchmark]
    public bool ConditionRun() => _evaluator.EvaluateCondition(Condition, _runtimeOrder, RepairScenario.StartedAt);

    [Benchmark]
    public bool ConditionInSandboxRun() => _evaluator.EvaluateCondition(ConditionInSandbox, _runtimeOrder, RepairScenario.StartedAt);

    /// <summary><c>Interpreter.Start</c> of repair.bpmn with the runtime benchmark's work order (no receivedAt).</summary>
    [Benchmark]
    public StepResult StartRepairAsTheRuntimeDoes() =>
        _interpreter.Start(_repair, _runtimeOrder, RepairScenario.StartedAt, RepairScenario.StartOptions);

    /// <summary><c>Interpreter.Start</c> of repair.bpmn with the interpreter benchmarks' work order (receivedAt set).</summary>
    [Benchmark]
    public StepResult StartRepairWithReceivedAt() =>
        _interpreter.Start(_repair, _orderWithReceivedAt, RepairScenario.StartedAt, RepairScenario.StartOptions);
}
