using System.Collections.Immutable;
using System.Globalization;
using System.Xml.Linq;
using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Parsing;

/// <summary>
/// The form a user task or a process's start event declares: <c>camunda:formData</c>/<c>camunda:formField</c>
/// as Camunda Modeler writes it, and the older <c>camunda:formProperty</c>. The pages render and the form
/// validator enforces exactly these fields, so anything it could not honour is refused here.
/// </summary>
internal static class FormFieldReader
{
    /// <summary>Attributes of <c>camunda:formProperty</c> that this engine reads past (the field id is the variable).</summary>
    private static readonly string[] IgnoredPropertyAttributes = ["variable", "expression"];

    private const string SupportedTypes = "string, long, boolean, date or enum";

    public static ImmutableArray<FormField> Read(XElement task, ReadContext ctx)
    {
        var fields = new List<(FormField Field, XElement Element)>();
        foreach (var formField in task.CamundaExtensions("formData").SelectMany(d => d.CamundaChildren("formField")))
        {
            if (ReadFormField(task, formField, ctx) is { } field) fields.Add((field, formField));
        }
        foreach (var property in task.CamundaExtensions("formProperty"))
        {
            if (ReadFormProperty(task, property, ctx) is { } field) fields.Add((field, property));
        }

        var seen = new Dictionary<string, XElement>(StringComparer.Ordinal);
        var result = ImmutableArray.CreateBuilder<FormField>(fields.Count);
        foreach (var (field, element) in fields)
        {
            if (seen.TryGetValue(field.Id, out var first))
            {
                ctx.Diagnostics.Error(task, element,
                    $"Form field '{field.Id}' of {ElementLabels.DescribeInline(task)} is declared twice (first on line {first.Line()}); field ids must be unique");
                continue;
            }
            seen[field.Id] = element;
            result.Add(field);
        }
        return result.ToImmutable();
    }

    private static FormField? ReadFormField(XElement task, XElement element, ReadContext ctx)
    {
        var id = element.Attr("id");
        if (id is null)
        {
            ctx.Diagnostics.Error(task, element, $"A form field of {ElementLabels.DescribeInline(task)} has no id; the id is the variable it sets");
            return null;
        }
        if (ParseType(task, element, id, element.Attr("type"), ctx) is not { } type) return null;

        var field = new FormField
        {
            Id = id,
            Label = element.Attr("label"),
            Type = type,
            DefaultValue = element.Attribute("defaultValue")?.Value,
            Options = ReadOptions(task, element, id, type, ctx),
            Properties = FieldProperties(element),
        };
        ExpressionChecks.IfExpression(ctx.Diagnostics, task, element, $"default value of form field '{id}'", field.DefaultValue);
        var constraints = element.CamundaChildren("validation").SelectMany(v => v.CamundaChildren("constraint"));
        foreach (var constraint in constraints)
            field = ApplyConstraint(task, constraint, field, ctx);
        if (field.MemberOf is not null && field.Type != FormFieldType.String)
        {
            ctx.Diagnostics.Error(task, element,
                $"Form field '{id}' of {ElementLabels.DescribeInline(task)} chooses a member of '{field.MemberOf}' (memberOf) but has type '{element.Attr("type")}'; a person is chosen by user name: use type string");
        }
        return field;
    }

    /// <summary>The pre-formData syntax: <c>name</c> is the label, readable/writable map to read-only.</summary>
    private static FormField? ReadFormProperty(XElement task, XElement element, ReadContext ctx)
    {
        var id = element.Attr("id");
        if (id is null)
        {
            ctx.Diagnostics.Error(task, element, $"A form property of {ElementLabels.DescribeInline(task)} has no id; the id is the variable it sets");
            return null;
        }
        if (ParseType(task, element, id, element.Attr("type"), ctx) is not { } type) return null;
        foreach (var ignored in IgnoredPropertyAttributes.Where(a => element.Attr(a) is not null))
        {
            ctx.Diagnostics.Warning(task, element,
                $"The {ignored} attribute of form property '{id}' of {ElementLabels.DescribeInline(task)} is ignored; the field id is the variable name");
        }

        var field = new FormField
        {
            Id = id,
            Label = element.Attr("name"),
            Type = type,
            DefaultValue = element.Attribute("default")?.Value,
            Options = ReadOptions(task, element, id, type, ctx),
            Required = element.BoolAttr("required", fallback: false),
            Readonly = !element.BoolAttr("readable", fallback: true) || !element.BoolAttr("writable", fallback: true),
        };
        ExpressionChecks.IfExpression(ctx.Diagnostics, task, element, $"default value of form field '{id}'", field.DefaultValue);
        return field;
    }

    /// <summary>
    /// A form field's <c>camunda:properties</c>: Camunda names these by <c>id</c> (an element's by <c>name</c>);
    /// both are read so a hand-written file that mixes them up still works.
    /// </summary>
    private static ImmutableDictionary<string, string> FieldProperties(XElement field) =>
        CommonNodeParts.PropertyMap(field.CamundaChildren("properties"), p => p.Attr("id") ?? p.Attr("name"));

    private static FormFieldType? ParseType(XElement task, XElement element, string id, string? text, ReadContext ctx)
    {
        // Camunda treats a field without a type as a string field.
        switch (text?.ToLowerInvariant())
        {
            case null or "string": return FormFieldType.String;
            case "long": return FormFieldType.Long;
            case "boolean": return FormFieldType.Boolean;
            case "date": return FormFieldType.Date;
            case "enum": return FormFieldType.Enum;
        }
        ctx.Diagnostics.Error(task, element,
            $"Form field '{id}' of {ElementLabels.DescribeInline(task)} has type '{text}'; use {SupportedTypes}");
        return null;
    }

    private static ImmutableArray<EnumOption> ReadOptions(XElement task, XElement element, string id, FormFieldType type, ReadContext ctx)
    {
        var options = ImmutableArray.CreateBuilder<EnumOption>();
        foreach (var value in element.CamundaChildren("value"))
        {
            var valueId = value.Attr("id");
            if (valueId is null)
            {
                ctx.Diagnostics.Error(task, value,
                    $"A value of form field '{id}' of {ElementLabels.DescribeInline(task)} has no id; the id is what the field stores");
                continue;
            }
            options.Add(new EnumOption(valueId, value.Attr("name") ?? valueId));
        }
        if (type == FormFieldType.Enum && options.Count == 0 && !element.CamundaChildren("value").Any())
        {
            ctx.Diagnostics.Error(task, element,
                $"Enum form field '{id}' of {ElementLabels.DescribeInline(task)} has no values; add camunda:value entries with an id and a name");
        }
        return options.ToImmutable();
    }

    private static FormField ApplyConstraint(XElement task, XElement constraint, FormField field, ReadContext ctx)
    {
        var name = constraint.Attr("name")?.ToLowerInvariant();
        var config = constraint.Attr("config");
        switch (name)
        {
            case "required": return field with { Required = true };
            case "readonly": return field with { Readonly = true };
            case "min" or "max":
                if (!BoundFits(field.Type, config))
                {
                    ctx.Diagnostics.Error(task, constraint, field.Type is FormFieldType.Long or FormFieldType.Date
                        ? $"The {name} constraint of form field '{field.Id}' of {ElementLabels.DescribeInline(task)} needs a {(field.Type == FormFieldType.Long ? "whole number" : "ISO 8601 date")} as config, not '{config}'"
                        : $"The {name} constraint of form field '{field.Id}' of {ElementLabels.DescribeInline(task)} only applies to long and date fields; use minlength/maxlength for text");
                    return field;
                }
                return name == "min" ? field with { Min = config } : field with { Max = config };
            case "minlength" or "maxlength":
                if (!int.TryParse(config, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
                {
                    ctx.Diagnostics.Error(task, constraint,
                        $"The {name} constraint of form field '{field.Id}' of {ElementLabels.DescribeInline(task)} needs a non-negative whole number as config, not '{config}'");
                    return field;
                }
                return name == "minlength" ? field with { MinLength = length } : field with { MaxLength = length };
            default:
                ctx.Diagnostics.Error(task, constraint,
                    $"Form field '{field.Id}' of {ElementLabels.DescribeInline(task)} has an unsupported constraint '{constraint.Attr("name")}'; use required, readonly, min, max, minlength or maxlength");
                return field;
        }
    }

    private static bool BoundFits(FormFieldType type, string? config) => config is not null && type switch
    {
        FormFieldType.Long => long.TryParse(config, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        FormFieldType.Date => DateTimeOffset.TryParse(config, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _),
        _ => false,
    };
}
