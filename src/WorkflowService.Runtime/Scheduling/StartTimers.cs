using Microsoft.EntityFrameworkCore;
using WorkflowService.Engine.Calendars;
using WorkflowService.Engine.Expressions;
using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Model;
using WorkflowService.Engine.Timers;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Scheduling;

/// <summary>
/// Timer start events: each published version schedules its own, replacing the previous
/// version's. Firing starts an instance at that start event and schedules the next cycle.
/// </summary>
public sealed class StartTimers(Interpreter interpreter)
{
    public async Task ReplaceAsync(WorkflowDbContext db, DefinitionRecord definition, ProcessModel model,
        DateTimeOffset now, StepEffects effects, CancellationToken ct)
    {
        var older = await db.Timers
            .Where(t => t.DefinitionId != null && t.Status == TimerStatus.Pending
                        && db.Definitions.Any(d => d.Id == t.DefinitionId && d.Key == definition.Key && d.Id != definition.Id))
            .ToListAsync(ct);
        foreach (var timer in older) timer.Status = TimerStatus.Cancelled;

        foreach (var start in model.StartEventsOf(ProcessModel.RootScope))
        {
            if (start.Trigger is not TimerTrigger { Timer: var timer }) continue;
            var calendar = timer.Kind == TimerKind.Date ? null : CalendarOf(model, start);
            var (schedule, text) = FirstSchedule(start, timer, now, calendar);
            var record = Add(db, definition.Id, start.Id, schedule.FirstDue,
                schedule.Interval?.ToString(), schedule.Repetitions is { } r ? r - 1 : null, effects, now);
            record.Calendar = calendar?.Name;
            // What a calendar edit computes again.
            record.Span = TimerSchedule.SpanOf(timer.Kind, text, schedule);
            record.CountFrom = record.Span is null ? null : now;
        }
    }

    /// <summary>The calendar a start timer counts in (publication has checked that it exists).</summary>
    private WorkingCalendar? CalendarOf(ProcessModel model, StartEventNode start)
    {
        if (SlaProperties.CalendarOf(model, start) is not { } name) return null;
        return interpreter.Options.Calendars?.Find(name) ?? throw new ValidationException(
            $"Start event '{start.Id}' counts in business calendar '{name}', which is not defined",
            [new ValidationError($"Start event '{start.Id}' counts in business calendar '{name}', which is not defined",
                ElementId: start.Id, Line: start.Line)]);
    }

    /// <summary>A start timer's calendar when it fires again; one removed since counts in real time.</summary>
    public WorkingCalendar? CalendarNamed(string? name) => name is null ? null : interpreter.Options.Calendars?.Find(name);


    /// <summary>
    /// When a start timer first fires. A timer that cannot be scheduled now (an expression that
    /// needs variables, which a start does not have; a cycle whose firings are all in the past)
    /// refuses the publication, naming the start event.
    /// </summary>
    private (TimerSchedule Schedule, string Text) FirstSchedule(StartEventNode start, TimerDefinition timer, DateTimeOffset now,
        WorkingCalendar? calendar)
    {
        try
        {
            var text = interpreter.Expressions.Evaluate(timer.Expression, VariableMap.Empty, now).ToString();
            return (TimerSchedule.Compute(timer.Kind, text, now, calendar), text);
        }
        catch (Exception ex) when (ex is FormatException or ExpressionException)
        {
            var message = $"The timer of start event '{start.Id}' cannot be scheduled: {ex.Message}";
            throw new ValidationException(message, [new ValidationError(message, ElementId: start.Id, Line: start.Line)]);
        }
    }

    /// <summary>After a start timer fired: the next firing of its cycle, if any is left.</summary>
    public static void ScheduleNext(WorkflowDbContext db, TimerRecord fired, DateTimeOffset now, StepEffects effects,
        WorkingCalendar? calendar = null)
    {
        if (fired.CycleInterval is null || fired.DefinitionId is not { } definitionId
            || TimerSchedule.NextFiring(fired.DueAt, fired.CycleInterval, fired.CycleRemaining, now, calendar) is not { } firing)
            return;
        var interval = IsoDuration.Parse(fired.CycleInterval);
        var (_, missed) = TimerSchedule.NextAfter(fired.DueAt, interval, now, calendar);
        var next = Add(db, definitionId, fired.ElementId, firing.Due, fired.CycleInterval, firing.RemainingAfter, effects, now);
        next.Calendar = calendar?.Name;
        // Counted from the firing just before it, so a calendar edit moves it as it moves an instance's cycle.
        next.CountFrom = TimerSchedule.NthAfter(fired.DueAt, interval, missed, calendar);
        next.Span = fired.CycleInterval;
    }

    private static TimerRecord Add(WorkflowDbContext db, int definitionId, string elementId, DateTimeOffset due, string? interval,
        int? remaining, StepEffects effects, DateTimeOffset now)
    {
        var record = new TimerRecord
        {
            Id = Guid.CreateVersion7(now), DefinitionId = definitionId, ElementId = elementId, DueAt = due,
            Status = TimerStatus.Pending, CycleInterval = interval, CycleRemaining = remaining,
        };
        db.Timers.Add(record);
        effects.Timers.Add((record.Id, due));
        return record;
    }
}
