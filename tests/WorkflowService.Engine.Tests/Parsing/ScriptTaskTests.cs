using WorkflowService.Engine.Model;
using static WorkflowService.Engine.Tests.Parsing.BpmnFixture;

namespace WorkflowService.Engine.Tests.Parsing;

/// <summary>Script tasks run inline JavaScript only.</summary>
public sealed class ScriptTaskTests
{
    [Theory]
    [InlineData("javascript")]
    [InlineData("JavaScript")]
    [InlineData("js")]
    [InlineData("ECMAScript")]
    public void A_JavaScript_script_task_is_read_whatever_the_spelling_of_the_format(string format)
    {
        var task = Node<ScriptTaskNode>(Linear($"""
            <scriptTask id="calc" scriptFormat="{format}" camunda:resultVariable="total">
              <script><![CDATA[units * 12 > 100 ? 'big' : 'small']]></script>
            </scriptTask>
            """, "calc"), "calc");

        Assert.Equal("units * 12 > 100 ? 'big' : 'small'", task.Script);
        Assert.Equal("total", task.ResultVariable);
    }

    [Fact]
    public void A_script_task_without_a_format_runs_as_JavaScript_with_a_warning()
    {
        var result = Parse(Linear("""<scriptTask id="calc"><script>x = 1</script></scriptTask>""", "calc"));

        Assert.True(result.Success);
        Assert.Equal("x = 1", Assert.IsType<ScriptTaskNode>(result.Processes[0].Node("calc")).Script);
        AssertWarning(result, "calc", "has no scriptFormat; it is run as JavaScript");
    }

    [Theory]
    [InlineData("groovy")]
    [InlineData("python")]
    public void A_script_in_another_language_is_refused(string format)
    {
        var xml = Linear($"""<scriptTask id="calc" scriptFormat="{format}"><script>println 'hi'</script></scriptTask>""", "calc");

        AssertRefused(xml, "calc", "scriptTask", $"is written in '{format}', which is not supported; use JavaScript");
    }

    [Fact]
    public void An_external_script_resource_is_refused()
    {
        var xml = Linear("""<scriptTask id="calc" scriptFormat="javascript" camunda:resource="classpath://calc.js" />""", "calc");

        AssertRefused(xml, "calc", "scriptTask", "external scripts (camunda:resource) are not supported; use JavaScript written inline");
    }

    [Fact]
    public void A_script_task_without_a_script_is_refused()
    {
        var xml = Linear("""<scriptTask id="calc" scriptFormat="javascript" />""", "calc");

        AssertRefused(xml, "calc", "scriptTask", "has no script");
    }

    [Fact]
    public void A_script_with_a_syntax_error_is_refused_saying_where()
    {
        var xml = Linear("""
            <scriptTask id="calc" scriptFormat="javascript">
              <script>var total = units * ;</script>
            </scriptTask>
            """, "calc");

        var error = AssertRefused(xml, "calc", "scriptTask", "The script of script task 'calc' cannot run: syntax error", "<script>");

        Assert.Matches(@"at column \d+: ", error.Message);
    }

    [Fact]
    public void A_script_nested_past_the_limit_is_refused_whenever_it_was_published()
    {
        var xml = Linear($"""<scriptTask id="calc" scriptFormat="javascript"><script>{new string('(', 500)}1{new string(')', 500)}</script></scriptTask>""", "calc");

        AssertRefused(xml, "calc", "scriptTask", "nests brackets more than 100 deep", "<script>");
        Assert.False(new WorkflowService.Engine.Parsing.BpmnParser().ParsePublished(xml).Success);
    }
}
