using WorkflowService.Engine.Parsing;
using WorkflowService.Engine.Tests.Support;

namespace WorkflowService.Engine.Tests.Parsing;

public class ConditionFormTests
{
    private static string Process(string condition) => TestProcess.Xml("""
        <startEvent id="s" /><exclusiveGateway id="g" default="g_b" /><task id="a" /><task id="b" />
        <sequenceFlow id="s_g" sourceRef="s" targetRef="g" />
        <sequenceFlow id="g_b" sourceRef="g" targetRef="b" />
        """ + $"""<sequenceFlow id="g_a" sourceRef="g" targetRef="a">{condition}</sequenceFlow>""");

    [Fact]
    public void A_plain_text_condition_without_a_language_is_refused_with_the_expression_to_write()
    {
        var result = new BpmnParser().Parse(Process("""<conditionExpression xsi:type="tFormalExpression">units &gt; 10</conditionExpression>"""));

        var error = Assert.Single(result.Errors);
        Assert.Equal("g_a", error.ElementId);
        Assert.Contains("${units > 10}", error.Message);
    }

    [Fact]
    public void A_javascript_script_condition_is_the_value_of_its_script()
    {
        var result = new BpmnParser().Parse(Process("""<conditionExpression xsi:type="tFormalExpression" language="javascript">units &gt; 10</conditionExpression>"""));

        Assert.True(result.Success, string.Join("; ", result.Errors));
        Assert.Equal("${units > 10}", result.Processes[0].Flow("g_a").Condition);
    }
}
