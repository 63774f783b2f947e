using System.Text.Json;
using WorkflowService.AfterSales.Reports.Kpis;

namespace WorkflowService.Web.Tests.Reports;

/// <summary>The dashboard's definitions that are pure rules: the age buckets' bounds, a complaint's cause, a number's name.</summary>
public sealed class DashboardDefinitionsTests
{
    [Theory]
    [InlineData(0, "under-1d")]
    [InlineData(23.99, "under-1d")]
    [InlineData(24, "1-3d")] // a bucket holds its lower bound
    [InlineData(71.99, "1-3d")]
    [InlineData(72, "3-7d")]
    [InlineData(168, "7d-plus")]
    [InlineData(5000, "7d-plus")]
    public void An_open_orders_age_falls_in_the_bucket_of_its_calendar_days(double hours, string bucket) =>
        Assert.Equal(bucket, OrderAge.Of(TimeSpan.FromHours(hours)));

    [Theory]
    [InlineData("""{"cause":"fees"}""", "fees")]
    [InlineData("""{"cause":"Roller of a bad batch"}""", "other")] // free text from before the cause was a choice
    [InlineData("""{"cause":"  "}""", "not-analysed")]
    [InlineData("""{"cause":null}""", "not-analysed")]
    [InlineData("""{"causeDetail":"late engineer"}""", "not-analysed")]
    public void A_complaint_counts_under_its_chosen_cause_or_as_not_analysed(string variables, string cause)
    {
        var vars = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(variables)!;

        Assert.Equal(cause, ComplaintCauses.Of(vars));
    }

    [Theory]
    [InlineData("repairs", "repairs")]
    [InlineData(" satisfaction:4 ", "satisfaction:4")]
    [InlineData("satisfaction", "satisfaction")]
    [InlineData("person:—", "person:—")]
    [InlineData("rule:custom-rule", "rule:custom-rule")]
    [InlineData("age:3-7d", "age:3-7d")]
    [InlineData("age:2-5d", null)]
    [InlineData("cause:", null)]
    [InlineData("complaints:fees", null)]
    [InlineData("person", null)]
    [InlineData(null, null)]
    public void A_number_reads_as_its_name_and_value_or_not_at_all(string? text, string? read) =>
        Assert.Equal(read, KpiNumber.Parse(text)?.ToString());
}
