using System.Text.Json;
using static WorkflowService.Engine.Tests.Expressions.ExpressionFixture;

namespace WorkflowService.Engine.Tests.Expressions;

public class EvaluationResultTests
{
    [Fact]
    public void Literal_text_comes_back_as_a_json_string_as_is()
    {
        var value = Evaluate("  Repair turnaround {fast} $5 #1 ");

        Assert.Equal(JsonValueKind.String, value.ValueKind);
        Assert.Equal("  Repair turnaround {fast} $5 #1 ", value.GetString());
    }

    [Fact]
    public void Empty_text_is_an_empty_string()
    {
        Assert.Equal("", Evaluate("").GetString());
    }

    [Theory]
    [InlineData("${units * 2}", "50")]
    [InlineData("${units / 2}", "12.5")]
    [InlineData("${units + 0.0}", "25")]
    [InlineData("${1e3}", "1000")]
    [InlineData("${-0}", "0")]
    [InlineData("${0.1 + 0.2}", "0.30000000000000004")]
    [InlineData("${'P' + days + 'D'}", "\"P3D\"")]
    [InlineData("${units > 10}", "true")]
    [InlineData("${null}", "null")]
    [InlineData("${undefined}", "null")]
    [InlineData("${[1, 'a', true, null]}", "[1,\"a\",true,null]")]
    [InlineData("${{ total: units * 2, nested: { ok: true } }}", "{\"total\":50,\"nested\":{\"ok\":true}}")]
    [InlineData("#{units + 1}", "26")]
    public void A_lone_expression_keeps_its_json_type(string expression, string json)
    {
        Assert.Equal(json, Evaluate(expression).GetRawText());
    }

    [Fact]
    public void Integral_numbers_are_written_as_integers()
    {
        var value = Evaluate("${units * 1.0}");

        Assert.Equal("25", value.GetRawText());
        Assert.Equal(25L, value.GetInt64());
    }

    [Fact]
    public void A_date_becomes_an_iso_8601_string()
    {
        Assert.Equal("2026-03-01T12:30:15.250Z", Evaluate("${new Date()}").GetString());
        Assert.Equal("{\"due\":\"2026-01-02T00:00:00.000Z\"}", Evaluate("${{ due: new Date(Date.UTC(2026, 0, 2)) }}").GetRawText());
    }

    [Fact]
    public void Mixed_text_is_interpolated()
    {
        Assert.Equal("P3D", Evaluate("P${days}D").GetString());
        Assert.Equal("Order SO-1 for ACME: 50 units", Evaluate("Order ${order.id} for ${customer}: ${units * 2} units").GetString());
    }

    [Fact]
    public void In_mixed_text_null_reads_as_empty_and_structures_as_json()
    {
        Assert.Equal("[]", Evaluate("[${nothing}]").GetString());
        Assert.Equal("items: [{\"sku\":\"A\",\"qty\":2}]", Evaluate("items: ${order.items}").GetString());
        Assert.Equal("half: 12.5", Evaluate("half: ${units / 2}").GetString());
        Assert.Equal("since 2026-03-01T12:30:15.250Z", Evaluate("since ${new Date()}").GetString());
    }

    [Fact]
    public void A_timer_duration_can_be_computed()
    {
        Assert.Equal("P3D", Evaluate("${'P' + Math.ceil(units / 10) + 'D'}").GetString());
    }

    [Fact]
    public void Braces_inside_strings_and_templates_do_not_end_the_expression()
    {
        Assert.Equal("a}b", Evaluate("${'a}' + 'b'}").GetString());
        Assert.Equal("x-P3D-y", Evaluate("x-${`P${days}D`}-y").GetString());
    }

    [Fact]
    public void Values_without_a_json_form_are_refused_with_the_reason()
    {
        var nan = Fails(() => Evaluate("${units / 'x'}"));
        Assert.Equal("${units / 'x'} yielded NaN (not a number), which JSON cannot store", nan.Message);

        var infinity = Fails(() => Evaluate("${units / 0}"));
        Assert.Contains("yielded Infinity", infinity.Message);

        var cycle = Fails(() => Evaluate("${(() => { const o = {}; o.self = o; return o; })()}"));
        Assert.Contains("circular reference", cycle.Message);
    }

    [Fact]
    public void Functions_and_undefined_properties_are_dropped_like_json_stringify_does()
    {
        Assert.Equal("{\"a\":1}", Evaluate("${{ a: 1, b: undefined, f() { return 1; } }}").GetRawText());
        Assert.Equal("[1,null]", Evaluate("${[1, () => 2]}").GetRawText());
    }
}
