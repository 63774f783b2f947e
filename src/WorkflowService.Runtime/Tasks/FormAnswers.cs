using System.Collections.Immutable;
using System.Text.Json;
using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Forms;
using WorkflowService.Engine.Model;
using WorkflowService.Runtime.Instances;

namespace WorkflowService.Runtime.Tasks;

/// <summary>
/// What a person answered on a form (a task's, or a process's start form), checked against the fields the BPMN
/// declares: the typed values to store, or a <see cref="ValidationException"/> naming every refused field.
/// A form without fields asks nothing in particular, so everything submitted is taken as it is.
/// </summary>
public static class FormAnswers
{
    public static ImmutableDictionary<string, JsonElement> Validate(ImmutableArray<FormField> fields,
        IReadOnlyDictionary<string, JsonElement> submitted, string refusal = "Some values were refused")
    {
        ArgumentNullException.ThrowIfNull(submitted);
        if (fields.IsEmpty) return VariableMap.Empty.SetItems(submitted);
        var submission = FormValidator.Validate(fields, submitted);
        if (!submission.IsValid)
            throw new ValidationException(refusal,
                [.. submission.Errors.Select(e => new ValidationError(e.Message, e.FieldId, e.Code, Argument: e.Argument))]);
        return submission.Values;
    }

    /// <summary>
    /// A start: <paramref name="answers"/> are the person's, checked against the start form; <paramref name="facts"/> are
    /// what the starting program sets itself (an order's number, its customer). A field the facts set is not the
    /// person's to fill: it is neither required of them nor taken from their answers, and the fact wins.
    /// </summary>
    public static ImmutableDictionary<string, JsonElement> ValidateStart(ImmutableArray<FormField> startForm,
        IReadOnlyDictionary<string, JsonElement> answers, IReadOnlyDictionary<string, JsonElement>? facts)
    {
        var asked = facts is null or { Count: 0 }
            ? startForm
            : [.. startForm.Select(f => facts.ContainsKey(f.Id) ? f with { Readonly = true, Required = false } : f)];
        return Validate(asked, answers, "The process was not started: some values were refused").SetItems(facts ?? VariableMap.Empty);
    }
}
