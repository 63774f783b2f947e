using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkflowService.AfterSales;
using WorkflowService.Testing;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Calendars;

/// <summary><c>App:TimeZone</c>: checked at start-up, carried by every page for its scripts, and the after-sales zone unless that is set.</summary>
public sealed class AppTimeZoneTests
{
    [Fact]
    public async Task A_time_zone_the_machine_does_not_know_stops_the_start_with_a_message_naming_the_setting()
    {
        await using var host = new WorkflowHost(new HostSettings { Settings = { ["App:TimeZone"] = "Mars/Olympus" } });

        var error = Assert.ThrowsAny<Exception>(() => host.Server);

        var invalid = error is AggregateException all ? all.InnerExceptions : [error];
        Assert.NotEmpty(invalid);
        Assert.All(invalid, e => Assert.Equal(
            "App:TimeZone is not a time zone this machine knows: give an IANA id such as Asia/Shanghai", Assert.IsType<OptionsValidationException>(e).Message));
        TempFolder.TryDelete(host.Settings.DataDirectory);
    }

    [Fact]
    public async Task Pages_carry_the_apps_time_zone_and_the_after_sales_zone_follows_it()
    {
        await using var host = new WorkflowHost(new HostSettings { Settings = { ["App:TimeZone"] = "America/New_York" } });
        var agent = await PageSession.SignInAsync(host, "agent");

        var html = await agent.GetPageAsync("/inbox");

        Assert.Contains("<meta name=\"time-zone\" content=\"America/New_York\" />", html);
        Assert.Equal("America/New_York", host.Services.GetRequiredService<IOptions<AfterSalesOptions>>().Value.TimeZone);
        TempFolder.TryDelete(host.Settings.DataDirectory);
    }
}
