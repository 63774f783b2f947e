using WorkflowService.Engine.Forms;
using static WorkflowService.Engine.Tests.Forms.FormFixture;

namespace WorkflowService.Engine.Tests.Forms;

public class FormConstraintTests
{
    [Fact]
    public void A_number_below_min_is_refused_with_the_bound()
    {
        var error = Assert.Single(Submit("""{ "units": 0 }""").Errors);

        Assert.Equal(new FieldError("units", "min", "Units must be at least 1", "1"), error);
    }

    [Fact]
    public void A_number_above_max_is_refused_with_the_bound()
    {
        var error = Assert.Single(Submit("""{ "units": "101" }""").Errors);

        Assert.Equal(new FieldError("units", "max", "Units must be at most 100", "100"), error);
    }

    [Fact]
    public void The_bounds_themselves_are_allowed()
    {
        Assert.True(Submit("""{ "units": 1, "visitDate": "2026-01-01" }""").IsValid);
        Assert.True(Submit("""{ "units": 100, "visitDate": "2026-12-31" }""").IsValid);
    }

    [Fact]
    public void Dates_are_compared_with_iso_date_bounds()
    {
        Assert.Equal(new FieldError("visitDate", "min", "Visit date must be on or after 2026-01-01", "2026-01-01"),
            Assert.Single(Submit("""{ "units": 1, "visitDate": "2025-12-31" }""").Errors));
        Assert.Equal(new FieldError("visitDate", "max", "Visit date must be on or before 2026-12-31", "2026-12-31"),
            Assert.Single(Submit("""{ "units": 1, "visitDate": "2027-01-01T08:00:00Z" }""").Errors));
    }

    [Fact]
    public void Text_length_is_bounded_and_the_field_is_named_by_its_id_without_a_label()
    {
        Assert.Equal(new FieldError("comment", "minlength", "comment must be at least 3 characters", "3"),
            Assert.Single(Submit("""{ "units": 1, "comment": "ok" }""").Errors));
        Assert.Equal(new FieldError("comment", "maxlength", "comment must be at most 10 characters", "10"),
            Assert.Single(Submit("""{ "units": 1, "comment": "far too long" }""").Errors));
    }

    [Fact]
    public void Every_error_is_reported_not_only_the_first()
    {
        var result = Submit("""{ "units": 500, "comment": "x", "channel": "fax", "visitDate": "2020-01-01" }""");

        Assert.Equal(["max", "min", "enum", "minlength"], result.Errors.Select(e => e.Code));
        Assert.Empty(result.Values);
    }

    [Fact]
    public void Bounds_that_do_not_parse_are_ignored_here_because_the_model_is_checked_at_deploy_time()
    {
        var fields = Fields.SetItem(0, Fields[0] with { Min = "${minimum}", Max = "lots" });

        Assert.True(Submit(fields, """{ "units": 5000 }""").IsValid);
    }
}
