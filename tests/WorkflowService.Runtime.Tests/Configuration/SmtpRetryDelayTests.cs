using Microsoft.Extensions.Configuration;
using WorkflowService.Runtime.Configuration;

namespace WorkflowService.Runtime.Tests.Configuration;

/// <summary>
/// <c>Smtp:RetryDelays</c> from configuration replaces the default delays: the configuration
/// binder appends to an array that already has items, so the defaults must not be one.
/// </summary>
public sealed class SmtpRetryDelayTests
{
    private static SmtpOptions Bind(Dictionary<string, string?> settings)
    {
        var options = new SmtpOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(SmtpOptions.Section).Bind(options);
        return options;
    }

    [Fact]
    public void Configured_retry_delays_replace_the_defaults()
    {
        var options = Bind(new() { ["Smtp:RetryDelays:0"] = "00:00:01", ["Smtp:RetryDelays:1"] = "00:01:00" });

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)], options.EffectiveRetryDelays);
    }

    [Fact]
    public void Without_configured_delays_the_defaults_apply()
    {
        var options = Bind(new() { ["Smtp:Host"] = "smtp.example.com" });

        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10)],
            options.EffectiveRetryDelays);
    }
}
