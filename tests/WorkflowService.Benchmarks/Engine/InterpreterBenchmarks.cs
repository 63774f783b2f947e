using BenchmarkDotNet.Attributes;
using WorkflowService.Benchmarks.Support;
using WorkflowService.Engine.Execution;

namespace WorkflowService.Benchmarks.Engine;

/// <summary>
/// The interpreter alone (no storage, no host) on the shipped repair process. One
/// <see cref="Interpreter"/> serves every iteration, as in production, so compiled expressions
/// are cached after warm-up; what remains per call is the real per-event cost, including the
/// fresh JavaScript sandbox each evaluated expression outside the engine-free subset gets. Inputs are immutable values built in
/// <see cref="Setup"/>: the engine is pure, so handling the same event on the same state again
/// is a valid repetition.
/// </summary>
[MemoryDiagnoser]
public class InterpreterBenchmarks : IStepCounter
{
    private readonly Interpreter _interpreter = new(new InterpreterOptions { Calendars = new ShippedCalendars() });
    private RepairScenario _repair = null!;
    private InstanceState _waitingAtAcceptRequest = null!;
    private UserTaskCompleted _acceptRequestCompleted = null!;

    [GlobalSetup]
    public void Setup()
    {
        Prepare();
        _repair.WarmUpJit(_interpreter);
    }

    private void Prepare()
    {
        _repair = RepairScenario.Load(_interpreter);
        _waitingAtAcceptRequest = StartToAcceptRequest().State;
        _acceptRequestCompleted = _repair.Completing("acceptRequest").Event;
    }

    /// <summary>Start event with the order's facts → acceptRequest (the first wait state), its 24 h SLA timer scheduled from receivedAt.</summary>
    [Benchmark]
    public StepResult StartToAcceptRequest() =>
        _interpreter.Start(_repair.Model, RepairScenario.OrderFacts, RepairScenario.StartedAt, RepairScenario.StartOptions);

    /// <summary>Complete acceptRequest → its timer cancelled, dispatchEngineer waits.</summary>
    [Benchmark]
    public StepResult CompleteAcceptRequest() =>
        _interpreter.Handle(_repair.Model, _waitingAtAcceptRequest, _acceptRequestCompleted);

    /// <summary>Start, then every task completed in order, through the parallel join to the end event.</summary>
    [Benchmark]
    public InstanceState HappyPathToCompletion() => _repair.RunHappyPath(_interpreter);

    public int StepsPerOperation(string benchmark)
    {
        Prepare();
        return benchmark switch
        {
            nameof(StartToAcceptRequest) => StepsOf(StartToAcceptRequest()),
            nameof(CompleteAcceptRequest) => StepsOf(CompleteAcceptRequest()),
            nameof(HappyPathToCompletion) => CountHappyPathSteps(),
            _ => throw new ArgumentException($"{nameof(InterpreterBenchmarks)} has no benchmark '{benchmark}'", nameof(benchmark)),
        };
    }

    private int CountHappyPathSteps()
    {
        var steps = 0;
        _repair.RunHappyPath(_interpreter, result => steps += StepsOf(result));
        return steps;
    }

    /// <summary>A step is a node the interpreter entered: one ElementEntered command each (see Flow.Enter).</summary>
    internal static int StepsOf(StepResult result) => result.Commands.Count(c => c is ElementEntered);
}
