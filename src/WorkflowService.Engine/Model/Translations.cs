namespace WorkflowService.Engine.Model;

/// <summary>
/// Names in more than one language. What a BPMN file writes as an element's <c>name</c> (a form field's
/// <c>label</c>, an enum value's <c>name</c>) is the text in the process's own language, the one every BPMN tool
/// shows. The same text in another language is an extension property named for the text and the language:
/// <code>
/// &lt;camunda:property name="name:en" value="Register request" /&gt;          on a process, an element or a flow
/// &lt;camunda:property id="label:en" value="Customer" /&gt;                   in a form field's camunda:properties
/// &lt;camunda:property id="value:onSite:en" value="On site" /&gt;             an enum value's name, by its id
/// </code>
/// A reader's language is looked up exactly, then by its parent (<c>zh-CN</c>, then <c>zh</c>), then the text as written.
/// Keeping both languages in the one file means a process is published, versioned and copied as one thing.
/// </summary>
public static class Translations
{
    public const string Name = "name";
    public const string Label = "label";

    /// <summary>The property that holds <paramref name="text"/> in <paramref name="language"/>, e.g. <c>name:en</c>.</summary>
    public static string Key(string text, string language) => $"{text}:{language}";

    /// <summary>The property of an enum value's name in a language, e.g. <c>value:onSite:en</c>.</summary>
    public static string ValueKey(string valueId, string language) => $"value:{valueId}:{language}";

    /// <summary>
    /// <paramref name="text"/> in <paramref name="language"/> from <paramref name="properties"/>, else
    /// <paramref name="written"/>. Languages compare without case (<c>zh-cn</c> finds <c>zh-CN</c>).
    /// </summary>
    public static string? Pick(IReadOnlyDictionary<string, string> properties, string text, string? written, string? language)
    {
        if (properties.Count == 0 || string.IsNullOrEmpty(language)) return written;
        for (var lang = language; lang.Length > 0; lang = Parent(lang))
        {
            var key = text + ":" + lang;
            if (properties.TryGetValue(key, out var exact) && exact.Length > 0) return exact;
            foreach (var (k, v) in properties)
            {
                if (v.Length > 0 && string.Equals(k, key, StringComparison.OrdinalIgnoreCase)) return v;
            }
        }
        return written;
    }

    /// <summary>Every translation of <paramref name="text"/> in <paramref name="properties"/>, by language (for a mail read in both).</summary>
    public static IReadOnlyDictionary<string, string> Of(IReadOnlyDictionary<string, string> properties, string text) =>
        properties.Where(p => p.Key.StartsWith(text + ":", StringComparison.Ordinal) && p.Key.Length > text.Length + 1 && p.Value.Length > 0)
            .ToDictionary(p => p.Key[(text.Length + 1)..], p => p.Value, StringComparer.OrdinalIgnoreCase);

    private static string Parent(string language) => language.LastIndexOf('-') is var dash and > 0 ? language[..dash] : "";

    public static string? NameIn(this FlowNode node, string? language) => Pick(node.Properties, Name, node.Name, language);

    public static string? NameIn(this ProcessModel model, string? language) => Pick(model.Properties, Name, model.Name, language);

    public static string? NameIn(this SequenceFlow flow, string? language) => Pick(flow.Properties, Name, flow.Name, language);

    /// <summary>The field with its label and its values' names in <paramref name="language"/>: what a form shows.</summary>
    public static FormField In(this FormField field, string? language)
    {
        if (field.Properties.Count == 0 || string.IsNullOrEmpty(language)) return field;
        return field with
        {
            Label = Pick(field.Properties, Label, field.Label, language),
            Options = [.. field.Options.Select(o => o with { Name = Pick(field.Properties, "value:" + o.Id, o.Name, language) ?? o.Id })],
        };
    }
}
