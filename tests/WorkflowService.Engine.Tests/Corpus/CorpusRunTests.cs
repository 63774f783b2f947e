using System.Globalization;
using System.Text;
using WorkflowService.Engine.Parsing;
using Xunit.Abstractions;

namespace WorkflowService.Engine.Tests.Corpus;

/// <summary>
/// Every corpus process that parses runs to completion along its main path (see
/// <see cref="CorpusDriver"/>), except the few listed in <see cref="ExpectedOutcomes"/>, which must
/// end exactly as listed, so that a change in the engine's behaviour on them is noticed.
/// </summary>
public sealed class CorpusRunTests(ITestOutputHelper output)
{
    /// <summary>
    /// Start variables for files whose conditions or expressions read variables that nothing in
    /// the file sets (their own test suites pass them). Keyed by path relative to the corpus root.
    /// </summary>
    private static readonly Dictionary<string, object> StartVariables = new(StringComparer.Ordinal)
    {
        // bpmn-engine conditions read its `environment` object; with neither iteration flag set the default flow ends the run.
        ["bpmn-elements/test/resources/engine-issue-73_2.bpmn"] =
            new { environment = new { output = new { usertask = new { isIterationOne = false, isIterationTwo = false } } } },
        // Both gateways have a default flow, but the conditions before it read these flags.
        ["bpmn-elements/test/resources/succeeding-joins.bpmn"] =
            new { environment = new { variables = new { takeJoin1 = false } }, variables = new { takeJoin2 = false } },
        // The catch date and the due date are bpmn-engine environment variables.
        ["bpmn-engine/test/resources/timers.bpmn"] =
            new { environment = new { variables = new { catchDate = "2026-03-03T09:00:00Z", dueDate = "2026-03-05T09:00:00Z" } } },
        // Camunda's ExclusiveGatewayTest starts these with `input`: 2 takes the default flow, 3 the last condition.
        [$"{CamundaTests}/gateway/ExclusiveGatewayTest.testDefaultSequenceFlow.bpmn20.xml"] = new { input = 2 },
        [$"{CamundaTests}/gateway/ExclusiveGatewayTest.testDivergingExclusiveGateway.bpmn20.xml"] = new { input = 3 },
        // The reviewer is chosen in an embedded HTML form (no camunda:formData), so the driver cannot fill it in.
        ["camunda-bpm-platform/examples/invoice/src/main/resources/reviewInvoice.bpmn"] = new { reviewer = "demo" },
    };

    private const string CamundaTests = "camunda-bpm-platform/engine/src/test/resources/org/camunda/bpm/engine/test/bpmn";

    /// <param name="IncidentMentions">For an incident: a word its message must contain, so a different failure is noticed.</param>
    private sealed record Expected(string Outcome, string Because, string? IncidentMentions = null);

    private const string DeadPath =
        "waits at join: dead-path semantics (the fixture expects a join to count flows not taken; token semantics, as in Camunda 7, wait for a token on each)";

    private const string Callbacks =
        "bpmn-engine callback JavaScript (next(...), environment, this.variables): not an expression or script this engine (or Camunda 7) can run";

    /// <summary>
    /// Processes that do not complete for a reason of their own, with the outcome they must keep.
    /// A process of a multi-process file is keyed "path#processId".
    /// </summary>
    private static readonly Dictionary<string, Expected> ExpectedOutcomes = new(StringComparer.Ordinal)
    {
        ["bpmn-elements/test/resources/engine-issue-73.bpmn"] = new("incident at 'decision1'", Callbacks, "next(null, 1==2)"),
        ["bpmn-elements/test/resources/exclusive-gateway-as-join.bpmn"] = new("incident at 'script'", Callbacks, "environment"),
        ["bpmn-elements/test/resources/succeeding-joins.bpmn"] = new("waits at join 'join1', 'join2'", DeadPath),
        ["bpmn-engine/test/resources/bound-error-and-timer.bpmn"] = new("incident at 'scriptTask'", Callbacks, "variables"),
        ["bpmn-engine/test/resources/task-multiple-inbound.bpmn"] = new("incident at 'script'", Callbacks, "input"),
        ["bpmn-engine/test/resources/boundary-non-interupting-timer.bpmn"] = new("waits at join 'join'",
            "waits at join: the join also needs the non-interrupting timer's path, and completing the task first ends the timer (as in Camunda 7)"),
        [$"{CamundaTests}/event/timer/BoundaryTimerNonInterruptingEventTest.testJoin.bpmn20.xml"] = new("waits at join 'ParallelGateway'",
            "waits at join: Camunda's test fires the non-interrupting timer before completing Main_Task; on the main path the timer ends with the task, so the join waits in Camunda 7 too"),
        ["camunda-bpm-platform/examples/invoice/src/main/resources/reviewInvoice.bpmn"] = new("incident at 'reviewInvoice'",
            "the due date is Camunda's JUEL dateTime().plusDays(2).toDate() (Joda-Time), which the JavaScript expressions do not provide", "dateTime"),
    };

    [SkippableFact]
    public void Every_corpus_process_that_parses_runs_to_completion_or_to_its_expected_outcome()
    {
        var root = CorpusLocator.Require();
        var parser = new BpmnParser();
        var summary = new StringBuilder();
        var failures = new List<string>();
        int completed = 0, expected = 0, files = 0;

        foreach (var file in CorpusLocator.BpmnFiles(root))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            using var stream = File.OpenRead(file);
            var result = parser.Parse(stream);
            if (!result.Success) continue;
            files++;
            foreach (var model in result.Processes)
            {
                var key = result.Processes.Length == 1 ? relative : $"{relative}#{model.Key}";
                var run = CorpusDriver.Run(model, StartVariables.GetValueOrDefault(relative));
                var line = $"{key} | {run.Outcome} after {run.Steps} steps" + (run.Detail is null ? "" : $" | {run.Detail}");
                if (ExpectedOutcomes.TryGetValue(key, out var outcome))
                {
                    expected++;
                    summary.AppendLine(CultureInfo.InvariantCulture, $"{line} | expected: {outcome.Because}");
                    if (run.Outcome != outcome.Outcome || !(run.Detail ?? "").Contains(outcome.IncidentMentions ?? "", StringComparison.Ordinal))
                        failures.Add($"{key}: expected '{outcome.Outcome}' ({outcome.IncidentMentions}), got {line}");
                }
                else
                {
                    summary.AppendLine(line);
                    if (run.Outcome == "completed") completed++;
                    else failures.Add($"{key}: expected 'completed', got {line}");
                }
            }
        }

        output.WriteLine($"{files} parsed files: {completed} processes completed, {expected} ended as expected otherwise, {failures.Count} failed");
        output.WriteLine(summary.ToString());
        Assert.NotEqual(0, files);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        var stale = ExpectedOutcomes.Keys.Where(k => !summary.ToString().Contains(k + " |", StringComparison.Ordinal)).ToList();
        Assert.True(stale.Count == 0, "Expected outcomes for processes that no longer run: " + string.Join(", ", stale));
    }
}
