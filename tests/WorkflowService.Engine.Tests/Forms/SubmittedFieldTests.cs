using WorkflowService.Engine.Forms;
using static WorkflowService.Engine.Tests.Forms.FormFixture;

namespace WorkflowService.Engine.Tests.Forms;

public class SubmittedFieldTests
{
    [Fact]
    public void A_required_field_that_is_missing_is_refused()
    {
        var error = Assert.Single(Submit("{}").Errors);

        Assert.Equal(new FieldError("units", "required", "Units is required"), error);
    }

    [Theory]
    [InlineData("""{ "units": "" }""")]
    [InlineData("""{ "units": null }""")]
    public void An_empty_string_or_null_counts_as_not_submitted(string json)
    {
        var result = Submit(json);

        Assert.Equal("required", Assert.Single(result.Errors).Code);
        Assert.Empty(result.Values);
    }

    [Fact]
    public void An_optional_field_left_empty_is_simply_not_in_the_values()
    {
        var result = Submit("""{ "units": 2, "comment": "", "visitDate": "" }""");

        Assert.True(result.IsValid);
        Assert.Equal(["units"], result.Values.Keys);
    }

    [Fact]
    public void A_value_for_a_readonly_field_is_ignored_not_refused()
    {
        var result = Submit("""{ "units": 2, "ticketId": "T-999" }""");

        Assert.True(result.IsValid);
        Assert.False(result.Values.ContainsKey("ticketId"));
    }

    [Fact]
    public void A_required_readonly_field_is_not_asked_for()
    {
        Assert.True(Submit("""{ "units": 2 }""").IsValid);
    }

    [Fact]
    public void Fields_the_form_does_not_declare_are_refused_as_unknown()
    {
        var result = Submit("""{ "units": 2, "zeta": 1, "alpha": "x" }""");

        Assert.Equal(
            [new FieldError("alpha", "unknown", "'alpha' is not a field of this form"), new FieldError("zeta", "unknown", "'zeta' is not a field of this form")],
            result.Errors.ToArray());
        Assert.Equal(["units"], result.Values.Keys);
    }

    [Fact]
    public void Values_hold_only_declared_writable_submitted_fields()
    {
        var result = Submit("""{ "units": "3", "underWarranty": "off", "ticketId": "T-1" }""");

        Assert.Equal(["underWarranty", "units"], result.Values.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_form_without_fields_accepts_an_empty_submission()
    {
        Assert.True(FormValidator.Validate([], WorkflowService.Engine.Execution.VariableMap.Empty).IsValid);
    }
}
