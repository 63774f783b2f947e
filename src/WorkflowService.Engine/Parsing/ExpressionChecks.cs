using System.Globalization;
using System.Xml.Linq;
using WorkflowService.Engine.Expressions;
using WorkflowService.Engine.Model;
using WorkflowService.Engine.Timers;

namespace WorkflowService.Engine.Parsing;

/// <summary>
/// Deploy-time checks delegated to the expression and timer components, so that a typo in a
/// condition or a duration is reported when the diagram is published, not when a token first
/// reaches it weeks later.
/// </summary>
internal static class ExpressionChecks
{
    /// <summary>Checks <paramref name="text"/> only when it contains <c>${</c> or <c>#{</c>; literals pass.</summary>
    public static void IfExpression(DiagnosticBag diagnostics, XElement owner, XElement at, string what, string? text)
    {
        if (text is not null && ExpressionEvaluator.IsExpression(text))
            Expression(diagnostics, owner, at, what, text);
    }

    /// <summary>Checks text that is always an expression, such as a sequence-flow condition.</summary>
    public static void Expression(DiagnosticBag diagnostics, XElement owner, XElement at, string what, string text)
    {
        var problem = Guarded(() => ExpressionEvaluator.CheckSyntax(text));
        if (problem is not null)
            diagnostics.Error(owner, at,
                $"The {what} of {ElementLabels.DescribeInline(owner)} is not a valid expression: {problem}");
    }

    /// <summary>
    /// A script is checked as the runtime will compile it: a syntax error, or a script past the
    /// size and nesting limits, is refused at publication rather than found by the first instance.
    /// </summary>
    public static void Script(DiagnosticBag diagnostics, XElement owner, XElement at, string script)
    {
        var problem = Guarded(() => ExpressionEvaluator.CheckScriptSyntax(script));
        if (problem is not null) diagnostics.Error(owner, at, $"The script of {ElementLabels.DescribeInline(owner)} cannot run: {problem}");
    }

    /// <summary>
    /// A timer written as an expression is only syntax-checked: its value is known when the timer
    /// is armed. A literal is checked in full, and a cron cycle is refused with the ISO form to use.
    /// </summary>
    public static void Timer(DiagnosticBag diagnostics, XElement owner, XElement at, TimerDefinition timer)
    {
        var kind = TimerElementName(timer.Kind);
        if (ExpressionEvaluator.IsExpression(timer.Expression))
        {
            Expression(diagnostics, owner, at, kind, timer.Expression);
            return;
        }
        if (timer.Kind == TimerKind.Cycle && LooksLikeCron(timer.Expression))
        {
            diagnostics.Error(owner, at,
                $"{ElementLabels.Describe(owner)} has a cron timeCycle '{timer.Expression}'; cron is not supported: use an ISO 8601 repeating interval such as R/PT1H or R5/2025-01-06T09:00:00Z/P1D");
            return;
        }
        var problem = Guarded(() => TimerSchedule.Check(timer.Kind, timer.Expression));
        if (problem is not null)
            diagnostics.Error(owner, at,
                $"{ElementLabels.Describe(owner)} has an invalid {kind} '{timer.Expression}': {problem}");
        else if (TimerSchedule.CheckPublication(timer.Kind, timer.Expression) is { } refused)
            diagnostics.Policy(owner, at, $"{ElementLabels.Describe(owner)} has a {kind} '{timer.Expression}' that cannot be published: {refused}");
    }

    /// <summary>
    /// A due or follow-up date: an expression is syntax-checked; a literal must be an ISO 8601
    /// duration (from task creation) or date-time, so an SLA typo fails at publish time.
    /// </summary>
    public static void DueDate(DiagnosticBag diagnostics, XElement owner, string attribute, string? text)
    {
        if (text is null) return;
        if (ExpressionEvaluator.IsExpression(text))
        {
            Expression(diagnostics, owner, owner, attribute, text);
            return;
        }
        var kind = text.StartsWith('P') ? TimerKind.Duration : TimerKind.Date;
        var problem = Guarded(() => TimerSchedule.Check(kind, text));
        if (problem is not null)
            diagnostics.Error(owner,
                $"The {attribute} of {ElementLabels.DescribeInline(owner)} is neither an ISO 8601 duration nor a date-time ('{text}'): {problem}");
        else if (TimerSchedule.CheckPublication(kind, text) is { } refused)
            diagnostics.Policy(owner, owner, $"The {attribute} of {ElementLabels.DescribeInline(owner)} cannot be published: {refused}");
    }

    /// <summary>A priority: an expression, or a literal whole number.</summary>
    public static void Priority(DiagnosticBag diagnostics, XElement owner, string attribute, string? text)
    {
        if (text is null) return;
        if (ExpressionEvaluator.IsExpression(text))
        {
            Expression(diagnostics, owner, owner, attribute, text);
            return;
        }
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            diagnostics.Error(owner,
                $"The {attribute} of {ElementLabels.DescribeInline(owner)} must be a whole number or an expression, not '{text}'");
    }

    public static string TimerElementName(TimerKind kind) => kind switch
    {
        TimerKind.Duration => "timeDuration",
        TimerKind.Date => "timeDate",
        TimerKind.Cycle => "timeCycle",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Quartz cron as Camunda accepts it: five to seven space-separated fields.</summary>
    private static bool LooksLikeCron(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length >= 5;

    /// <summary>A checker that throws must not take the whole parse down with it.</summary>
    private static string? Guarded(Func<string?> check)
    {
        try
        {
            return check();
        }
        catch (Exception e)
        {
            return e.Message;
        }
    }
}
