using BenchmarkDotNet.Attributes;
using WorkflowService.Benchmarks.Support;
using WorkflowService.Engine.Execution;

namespace WorkflowService.Benchmarks.Engine;

/// <summary>
/// The happy path of <see cref="InterpreterBenchmarks"/> taken apart: one benchmark per task
/// completion, each handled on the state recorded just before it. Shows which element's handling
/// dominates the whole path, e.g. to check an engine change against the element it targets.
/// Not part of the '*Interpreter*' filter; run it with --filter '*HappyPathEvent*'.
/// </summary>
[MemoryDiagnoser]
public class HappyPathEventBenchmarks : IStepCounter
{
    private readonly Interpreter _interpreter = new(new InterpreterOptions { Calendars = new ShippedCalendars() });
    private RepairScenario _repair = null!;
    private HappyPathStep _step = null!;

    /// <summary>The user task whose completion is handled (the table lists them alphabetically).</summary>
    [ParamsSource(nameof(UserTasks))]
    public string UserTask { get; set; } = "acceptRequest";

    public static IEnumerable<string> UserTasks => RepairScenario.HappyPathTasks;

    [GlobalSetup]
    public void Setup()
    {
        Prepare();
        _repair.WarmUpJit(_interpreter);
    }

    private void Prepare()
    {
        _repair = RepairScenario.Load(_interpreter);
        _step = _repair.Completing(UserTask);
    }

    [Benchmark]
    public StepResult CompleteTask() => _interpreter.Handle(_repair.Model, _step.Before, _step.Event);

    public int StepsPerOperation(string benchmark)
    {
        Prepare();
        return InterpreterBenchmarks.StepsOf(CompleteTask());
    }
}
