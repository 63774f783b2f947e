using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Forms;
using WorkflowService.Engine.Model;
using WorkflowService.Engine.Tests.Support;

namespace WorkflowService.Engine.Tests.Corpus;

/// <summary>How one drive of a process ended, in words a table can compare ("completed", "waits at join 'j'").</summary>
internal sealed record CorpusRun(string Outcome, string? Detail, int Steps, IReadOnlyList<string> Path);

/// <summary>
/// Drives a process along its main path the way people and workers would, with the
/// <see cref="Simulation"/> host: open user tasks are completed first (with values their form
/// accepts), then external tasks; only when no work is open does the clock move to the earliest
/// pending timer; a message is delivered only when message waits are all that is left. So boundary
/// timers are cancelled by the work finishing first, as on a normal day.
/// </summary>
internal static class CorpusDriver
{
    public const int StepCap = 200;

    /// <summary>Who starts instances: a host always knows the starting user (camunda:initiator).</summary>
    public const string Initiator = "demo";

    public static CorpusRun Run(ProcessModel model, object? startVariables = null)
    {
        var start = model.NoneStartEvent ?? model.StartEventsOf(ProcessModel.RootScope).First();
        var sim = Simulation.Start(model, startVariables, options: new StartOptions(start.Id, Initiator));
        var steps = 0;
        while (!sim.State.Status.IsFinal && sim.OpenIncidents.Count == 0 && steps < StepCap && Step(sim)) steps++;
        return new CorpusRun(Outcome(sim, steps), Detail(sim), steps, [.. sim.Path]);
    }

    /// <summary>Does one thing the main path needs next; false when nothing is left to do.</summary>
    private static bool Step(Simulation sim)
    {
        if (sim.OpenTasks.Values.MinBy(t => t.TaskId) is { } task)
        {
            sim.CompleteTask(task.ElementId, FormValues(sim.Model, task.ElementId), by: Initiator);
            return true;
        }
        if (sim.OpenExternalTasks.Values.MinBy(t => t.TaskId) is { } external)
        {
            sim.CompleteExternalTask(external.ElementId);
            return true;
        }
        if (sim.PendingTimers.Values.MinBy(t => (t.DueAt, t.SubscriptionId)) is { } timer)
        {
            sim.AdvanceTo(timer.DueAt);
            return true;
        }
        if (sim.MessageWaits.Values.MinBy(m => m.SubscriptionId) is { } wait)
        {
            sim.Handle(new MessageReceived(wait.SubscriptionId, VariableMap.Empty) { At = sim.Now });
            return true;
        }
        return false;
    }

    /// <summary>
    /// What a user would submit: a literal default as the form shows it, otherwise a value of the
    /// field's type for each required field (an enum's first option); checked by the form validator.
    /// </summary>
    public static ImmutableDictionary<string, JsonElement> FormValues(ProcessModel model, string taskElementId)
    {
        var fields = ((UserTaskNode)model.Node(taskElementId)).FormFields;
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in fields.Where(f => !f.Readonly))
        {
            if (field.DefaultValue is { Length: > 0 } literal && !literal.Contains("${", StringComparison.Ordinal)
                && !literal.Contains("#{", StringComparison.Ordinal))
                values[field.Id] = literal;
            else if (field.Required)
                values[field.Id] = ValueOf(field);
        }
        var submission = FormValidator.Validate(fields, Simulation.Vars(values));
        Assert.True(submission.IsValid,
            $"{taskElementId}: the driver's values do not satisfy the form: {string.Join("; ", submission.Errors.Select(e => e.Message))}");
        return submission.Values;
    }

    private static object? ValueOf(FormField field) => field.Type switch
    {
        FormFieldType.Long => long.TryParse(field.Min, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var min) ? min : 1L,
        FormFieldType.Boolean => true,
        FormFieldType.Date => field.Min ?? "2026-03-02",
        FormFieldType.Enum => field.Options.FirstOrDefault()?.Id,
        _ => new string('x', Math.Max(field.MinLength ?? 0, 4)),
    };

    private static string Outcome(Simulation sim, int steps)
    {
        if (sim.IsCompleted) return "completed";
        if (sim.State.Status.IsFinal) return sim.State.Status.Name.ToLowerInvariant();
        if (sim.OpenIncidents.Values.MinBy(i => i.IncidentId) is { } incident) return $"incident at '{incident.ElementId}'";
        if (steps >= StepCap) return $"still running after {StepCap} steps";
        // Subprocess host tokens only wait for what runs inside them.
        var waiting = sim.State.Tokens.Where(t => t.Wait != WaitKind.SubProcess).ToList();
        if (waiting.Count > 0 && waiting.All(t => t.Wait == WaitKind.ParallelJoin))
            return "waits at join " + string.Join(", ", waiting.Select(t => $"'{t.ElementId}'").Distinct().Order(StringComparer.Ordinal));
        return "stuck at " + string.Join(", ", sim.State.Tokens.Select(t => $"'{t.ElementId}' ({t.Wait})"));
    }

    private static string? Detail(Simulation sim) =>
        sim.OpenIncidents.Values.MinBy(i => i.IncidentId)?.Message;
}
