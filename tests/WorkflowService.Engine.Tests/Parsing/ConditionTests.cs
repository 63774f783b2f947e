using static WorkflowService.Engine.Tests.Parsing.BpmnFixture;

namespace WorkflowService.Engine.Tests.Parsing;

/// <summary>Sequence-flow conditions are JavaScript, written inline.</summary>
public sealed class ConditionTests
{
    private static string WithCondition(string condition) => Process($"""
            <startEvent id="s" />
            <endEvent id="e" />
            <sequenceFlow id="cond" sourceRef="s" targetRef="e">
              {condition}
            </sequenceFlow>
        """);

    [Theory]
    [InlineData("""<conditionExpression xsi:type="tFormalExpression">${amount > 100}</conditionExpression>""")]
    [InlineData("""<conditionExpression language="JavaScript">${amount > 100}</conditionExpression>""")]
    [InlineData("""<conditionExpression language="javascript">${amount > 100}</conditionExpression>""")]
    [InlineData("""<conditionExpression><![CDATA[${amount > 100}]]></conditionExpression>""")]
    public void A_JavaScript_condition_is_kept(string condition)
    {
        Assert.Equal("${amount > 100}", Parsed(WithCondition(condition)).Flow("cond").Condition);
    }

    [Fact]
    public void A_condition_in_another_language_is_refused()
    {
        var xml = WithCondition("""<conditionExpression language="http://www.w3.org/1999/XPath">amount &gt; 100</conditionExpression>""");

        AssertRefused(xml, "cond", "sequenceFlow", "is written in 'http://www.w3.org/1999/XPath', which is not supported; use JavaScript",
            lineFragment: "<conditionExpression");
    }

    [Fact]
    public void A_condition_read_from_a_resource_is_refused()
    {
        var xml = WithCondition("""<conditionExpression language="javascript" camunda:resource="conditions/big.js" />""");

        AssertRefused(xml, "cond", "sequenceFlow", "(camunda:resource), which is not supported; write the condition inline",
            lineFragment: "<conditionExpression");
    }

    [Fact]
    public void An_empty_condition_is_ignored_with_a_warning()
    {
        var result = Parse(WithCondition("""<conditionExpression xsi:type="tFormalExpression" />"""));

        Assert.True(result.Success);
        Assert.Null(result.Processes[0].Flow("cond").Condition);
        AssertWarning(result, "cond", "has an empty condition, which is ignored");
    }
}
