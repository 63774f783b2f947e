using System.Collections.Immutable;
using System.Text.Json;
using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Forms;
using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Tests.Forms;

/// <summary>The repair intake form: one field of each type with typical constraints.</summary>
internal static class FormFixture
{
    public static readonly ImmutableArray<FormField> Fields =
    [
        new FormField { Id = "units", Label = "Units", Type = FormFieldType.Long, Required = true, Min = "1", Max = "100" },
        new FormField { Id = "underWarranty", Label = "Under warranty", Type = FormFieldType.Boolean },
        new FormField { Id = "visitDate", Label = "Visit date", Type = FormFieldType.Date, Min = "2026-01-01", Max = "2026-12-31" },
        new FormField
        {
            Id = "channel", Label = "Channel", Type = FormFieldType.Enum,
            Options = [new EnumOption("phone", "Phone"), new EnumOption("email", "E-mail")],
        },
        new FormField { Id = "comment", Type = FormFieldType.String, MinLength = 3, MaxLength = 10 },
        new FormField { Id = "ticketId", Label = "Ticket", Type = FormFieldType.String, Readonly = true, Required = true },
    ];

    public static FormSubmission Submit(string json) => FormValidator.Validate(Fields, VariableMap.FromJson(json));

    public static FormSubmission Submit(ImmutableArray<FormField> fields, string json) => FormValidator.Validate(fields, VariableMap.FromJson(json));

    public static string Json(JsonElement value) => value.GetRawText();
}
