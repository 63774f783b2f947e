using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Tests.Scenarios;

/// <summary>
/// The shipped processes speak Chinese first with English beside it (<see cref="Translations"/>): every name a person
/// reads (process, element, flow, form field, enum value) is written in Chinese and has an English translation.
/// </summary>
public sealed class ShippedNamesTests
{
    [Theory]
    [InlineData("complaint.bpmn")]
    [InlineData("customer-revisit.bpmn")]
    [InlineData("hotline-call.bpmn")]
    [InlineData("repair.bpmn")]
    [InlineData("replacement.bpmn")]
    [InlineData("training.bpmn")]
    public void Every_name_is_Chinese_with_an_English_translation(string fileName)
    {
        var model = ShippedProcesses.Load(fileName);
        var missing = new List<string>();
        void Check(string what, string? written, string? english)
        {
            if (string.IsNullOrEmpty(written)) return;
            if (!written.Any(IsChinese)) missing.Add($"{what} is not Chinese: '{written}'");
            if (string.IsNullOrEmpty(english) || english == written) missing.Add($"{what} ('{written}') has no English");
        }

        Check("the process", model.Name, model.NameIn("en"));
        foreach (var node in model.Nodes) Check(node.Id, node.Name, node.NameIn("en"));
        foreach (var flow in model.Flows) Check(flow.Id, flow.Name, flow.NameIn("en"));
        var fields = model.Nodes.SelectMany(n => n switch
        {
            UserTaskNode task => task.FormFields.Select(f => (n.Id, Field: f)),
            StartEventNode start => start.FormFields.Select(f => (n.Id, Field: f)),
            _ => [],
        });
        foreach (var (nodeId, field) in fields)
        {
            var english = field.In("en");
            Check($"{nodeId}.{field.Id}", field.Label, english.Label);
            foreach (var (option, translated) in field.Options.Zip(english.Options))
                Check($"{nodeId}.{field.Id} value {option.Id}", option.Name, translated.Name);
        }

        Assert.Empty(missing);
        Assert.Contains(model.Nodes, n => n.Name is not null);
    }

    private static bool IsChinese(char c) => c is >= '\u4e00' and <= '\u9fff';
}
