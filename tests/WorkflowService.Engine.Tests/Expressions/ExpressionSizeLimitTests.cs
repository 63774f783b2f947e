using System.Diagnostics;
using System.Text;
using WorkflowService.Engine.Tests.Support;
using static WorkflowService.Engine.Tests.Expressions.ExpressionFixture;
using static WorkflowService.Engine.Tests.Parsing.BpmnFixture;

namespace WorkflowService.Engine.Tests.Expressions;

/// <summary>
/// Texts that would make lexing or parsing recurse thousands of levels deep (a stack overflow
/// ends the process, it cannot be caught) are refused before they are read: too long, or nested
/// too deep. The refusal is an ordinary deploy-time error on the element.
/// </summary>
public sealed class ExpressionSizeLimitTests
{
    private static string Repeat(string text, int times) => new StringBuilder(text.Length * times).Insert(0, text, times).ToString();

    private static string GatewayWith(string condition) => Process($"""
        <startEvent id="s" />
        <exclusiveGateway id="gw" default="toB" />
        <endEvent id="a" />
        <endEvent id="b" />
        <sequenceFlow id="f0" sourceRef="s" targetRef="gw" />
        <sequenceFlow id="toA" sourceRef="gw" targetRef="a">
          <conditionExpression xsi:type="tFormalExpression"><![CDATA[{condition}]]></conditionExpression>
        </sequenceFlow>
        <sequenceFlow id="toB" sourceRef="gw" targetRef="b" />
        """);

    [Fact]
    public void Template_literals_nested_a_thousand_deep_are_refused_at_deploy_without_harm()
    {
        var condition = "${" + Repeat("`${", 1_000) + "1" + Repeat("}`", 1_000) + "}";

        var clock = Stopwatch.StartNew();
        var error = AssertRefused(GatewayWith(condition), "toA", "sequenceFlow", "nests brackets more than 100 deep",
            "<conditionExpression");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.DoesNotContain("characters long", error.Message);
    }

    [Fact]
    public void A_condition_longer_than_eight_thousand_characters_is_refused()
    {
        var condition = "${" + Repeat("empty ", 100_000) + "x}";

        AssertRefused(GatewayWith(condition), "toA", "sequenceFlow", "characters long; at most 8,000 are allowed", "<conditionExpression");
    }

    [Fact]
    public void Nesting_a_real_condition_would_use_is_accepted()
    {
        Assert.True(Condition("${((((((((((1 + 1)))))))))) == 2 && [[[[1]]]][0][0][0][0] == 1}"));
    }

    [Fact]
    public void A_script_nested_too_deep_fails_with_the_limit_not_a_crash()
    {
        var error = Fails(() => Script(Repeat("(", 5_000) + "1" + Repeat(")", 5_000)));

        Assert.Equal("the script nests brackets more than 100 deep", error.Message);
    }
}
