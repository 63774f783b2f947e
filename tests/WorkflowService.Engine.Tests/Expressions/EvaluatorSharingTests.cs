using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Expressions;
using static WorkflowService.Engine.Tests.Expressions.ExpressionFixture;

namespace WorkflowService.Engine.Tests.Expressions;

public class EvaluatorSharingTests
{
    [Fact]
    public void One_evaluator_serves_many_threads_at_once()
    {
        var evaluator = new ExpressionEvaluator();
        var failures = 0;

        Parallel.For(0, 2_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var variables = VariableMap.Of(("units", i));
            var ok = evaluator.EvaluateCondition("${units gt 999}", variables, Now) == i > 999
                && evaluator.Evaluate($"P${{units % {1 + i % 7}}}D", variables, Now).GetString() == $"P{i % (1 + i % 7)}D"
                && evaluator.RunScript("execution.setVariable('double', units * 2)", variables, Now).VariablesSet["double"].GetInt32() == i * 2;
            if (!ok) Interlocked.Increment(ref failures);
        });

        Assert.Equal(0, failures);
    }

    [Fact]
    public void Parsed_texts_are_cached_per_evaluator()
    {
        var evaluator = new ExpressionEvaluator();

        for (var i = 0; i < 10; i++) evaluator.EvaluateCondition("${units > 10}", Variables, Now);
        evaluator.RunScript("1", Variables, Now);

        Assert.Equal(2, evaluator.CachedTexts);
        Assert.Equal(0, new ExpressionEvaluator().CachedTexts);
    }

    [Fact]
    public void The_cache_stays_bounded_when_texts_keep_changing()
    {
        var evaluator = new ExpressionEvaluator(null, cacheCapacity: 16);

        for (var i = 0; i < 100; i++) Assert.Equal(i + 1, evaluator.Evaluate($"${{{i} + 1}}", Variables, Now).GetInt32());

        Assert.InRange(evaluator.CachedTexts, 1, 16);
    }
}
