using static WorkflowService.Engine.Tests.Parsing.BpmnFixture;

namespace WorkflowService.Engine.Tests.Parsing;

/// <summary>Which processes of a file are parsed, and what they are called.</summary>
public sealed class ProcessSelectionTests
{
    private static string Definitions(string processes, string collaboration = "") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="{BpmnNs}" id="d">
        {collaboration}
        {processes}
        </definitions>
        """;

    private static string SimpleProcess(string id, string attributes) => $"""
          <process id="{id}" {attributes}>
            <startEvent id="{id}_s" />
            <endEvent id="{id}_e" />
            <sequenceFlow id="{id}_f" sourceRef="{id}_s" targetRef="{id}_e" />
          </process>
        """;

    [Fact]
    public void Only_executable_processes_are_parsed_when_any_is_marked_executable()
    {
        var xml = Definitions(
            SimpleProcess("repair", """name="Repair" isExecutable="true" """) +
            """<process id="customerPool" isExecutable="false"><task id="broken" /><inclusiveGateway id="x" /></process>""");

        var result = Parse(xml);

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        var model = Assert.Single(result.Processes);
        Assert.Equal("repair", model.Key);
        Assert.Equal("Repair", model.Name);
        Assert.Equal(LineOf(xml, "<process id=\"repair\""), model.Line);
    }

    [Fact]
    public void When_no_process_is_marked_executable_every_process_with_flow_nodes_is_parsed_with_a_warning()
    {
        var xml = Definitions(
            SimpleProcess("one", "") +
            SimpleProcess("two", """isExecutable="false" """) +
            """<process id="emptyPool" />""");

        var result = Parse(xml);

        Assert.True(result.Success);
        Assert.Equal(["one", "two"], result.Processes.Select(p => p.Key));
        var warning = AssertWarning(result, "one", "is not marked isExecutable=\"true\"");
        Assert.Equal("process", warning.ElementType);
        Assert.Equal(LineOf(xml, "<process id=\"one\""), warning.Line);
        AssertWarning(result, "two", "is not marked isExecutable=\"true\"");
    }

    [Fact]
    public void A_process_without_a_name_takes_the_name_of_its_pool()
    {
        var xml = Definitions(SimpleProcess("repair", """isExecutable="true" """),
            """<collaboration id="c"><participant id="pool" name="Repair desk" processRef="repair" /></collaboration>""");

        Assert.Equal("Repair desk", Parsed(xml).Name);
    }

    [Fact]
    public void A_file_with_nothing_to_run_is_refused()
    {
        var xml = Definitions("""<process id="emptyPool" />""");

        var error = Assert.Single(Parse(xml).Errors);
        Assert.Equal("definitions", error.ElementType);
        Assert.Contains("no process to run", error.Message);
    }

    [Fact]
    public void An_error_in_one_process_withholds_every_process_of_the_file()
    {
        var xml = Definitions(
            SimpleProcess("good", """isExecutable="true" """) +
            """<process id="bad" isExecutable="true"><startEvent id="bs" /><callActivity id="call" /><sequenceFlow id="bf" sourceRef="bs" targetRef="call" /></process>""");

        var result = Parse(xml);

        Assert.False(result.Success);
        Assert.Empty(result.Processes);
    }

    [Fact]
    public void Diagnostics_are_listed_in_line_order()
    {
        var xml = Definitions(
            """
              <process id="p" isExecutable="true">
                <startEvent id="s" />
                <callActivity id="call" />
                <exclusiveGateway id="g" />
                <businessRuleTask id="rules" />
                <sequenceFlow id="f" sourceRef="s" targetRef="g" />
              </process>
            """);

        var lines = Parse(xml).Diagnostics.Select(d => d.Line).ToList();

        Assert.Equal(lines.Order(), lines);
    }
}
