using WorkflowService.Engine.Forms;
using static WorkflowService.Engine.Tests.Forms.FormFixture;

namespace WorkflowService.Engine.Tests.Forms;

public class FormCoercionTests
{
    [Fact]
    public void Typed_json_values_are_stored_as_they_are()
    {
        var result = Submit("""{ "units": 5, "underWarranty": true, "visitDate": "2026-03-05", "channel": "phone", "comment": "noisy fan" }""");

        Assert.True(result.IsValid);
        Assert.Equal("5", Json(result.Values["units"]));
        Assert.Equal("true", Json(result.Values["underWarranty"]));
        Assert.Equal("\"2026-03-05\"", Json(result.Values["visitDate"]));
        Assert.Equal("\"phone\"", Json(result.Values["channel"]));
        Assert.Equal("\"noisy fan\"", Json(result.Values["comment"]));
    }

    [Fact]
    public void Html_form_strings_are_converted_to_the_field_type()
    {
        var result = Submit("""{ "units": " 42 ", "underWarranty": "on", "visitDate": "2026-03-05T10:15:00+02:00" }""");

        Assert.True(result.IsValid);
        Assert.Equal("42", Json(result.Values["units"]));
        Assert.Equal("true", Json(result.Values["underWarranty"]));
        Assert.Equal("\"2026-03-05\"", Json(result.Values["visitDate"]));
    }

    [Theory]
    [InlineData("\"true\"", "true")]
    [InlineData("\"FALSE\"", "false")]
    [InlineData("\"on\"", "true")]
    [InlineData("\"off\"", "false")]
    [InlineData("false", "false")]
    public void Booleans_accept_json_and_checkbox_spellings(string raw, string stored)
    {
        var result = Submit($$"""{ "units": 1, "underWarranty": {{raw}} }""");

        Assert.Equal(stored, Json(result.Values["underWarranty"]));
    }

    [Fact]
    public void A_whole_number_written_with_a_fraction_is_accepted()
    {
        Assert.Equal("7", Json(Submit("""{ "units": 7.0 }""").Values["units"]));
    }

    [Fact]
    public void A_date_time_keeps_the_date_as_written_in_its_offset()
    {
        Assert.Equal("\"2026-03-05\"", Json(Submit("""{ "units": 1, "visitDate": "2026-03-05T23:30:00-05:00" }""").Values["visitDate"]));
    }

    [Theory]
    [InlineData("units", "\"12abc\"", "Units must be a whole number")]
    [InlineData("units", "2.5", "Units must be a whole number")]
    [InlineData("units", "\"1,000\"", "Units must be a whole number")]
    [InlineData("units", "true", "Units must be a whole number")]
    [InlineData("units", "99999999999999999999", "Units must be a whole number")]
    [InlineData("underWarranty", "\"yes\"", "Under warranty must be true or false")]
    [InlineData("underWarranty", "1", "Under warranty must be true or false")]
    [InlineData("visitDate", "\"05/03/2026\"", "Visit date must be a date (yyyy-MM-dd)")]
    [InlineData("visitDate", "\"2026-02-30\"", "Visit date must be a date (yyyy-MM-dd)")]
    [InlineData("visitDate", "20260305", "Visit date must be a date (yyyy-MM-dd)")]
    [InlineData("comment", "123", "comment must be text")]
    [InlineData("comment", "[\"abc\"]", "comment must be text")]
    public void A_value_of_the_wrong_type_is_a_type_error(string field, string raw, string message)
    {
        var result = Submit(field == "units" ? $$"""{ "units": {{raw}} }""" : $$"""{ "units": 1, "{{field}}": {{raw}} }""");

        var error = Assert.Single(result.Errors);
        Assert.Equal(field, error.FieldId);
        Assert.Equal("type", error.Code);
        Assert.Equal(message, error.Message);
        Assert.False(result.Values.ContainsKey(field));
    }

    [Fact]
    public void An_enum_value_must_be_one_of_the_option_ids()
    {
        var result = Submit("""{ "units": 1, "channel": "Phone" }""");

        var error = Assert.Single(result.Errors);
        Assert.Equal(new FieldError("channel", "enum", "Channel must be one of: phone, email", "phone, email"), error);
    }
}
