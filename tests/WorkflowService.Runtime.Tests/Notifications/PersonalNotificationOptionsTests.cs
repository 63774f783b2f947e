using Microsoft.Extensions.Configuration;
using WorkflowService.Runtime.Notifications.Personal;

namespace WorkflowService.Runtime.Tests.Notifications;

/// <summary><c>Notifications:Personal</c>: the defaults a person starts from, and the due-soon lead as written in settings.</summary>
public sealed class PersonalNotificationOptionsTests
{
    private static PersonalNotificationOptions Bind(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build()
            .GetSection(PersonalNotificationOptions.Section).Get<PersonalNotificationOptions>() ?? new PersonalNotificationOptions();

    [Fact]
    public void Without_settings_every_event_is_in_app_and_only_an_overdue_task_is_also_emailed()
    {
        var options = Bind();

        Assert.Equal(new ChannelChoice(false, true), options.DefaultFor(PersonalEvents.TaskAssigned));
        Assert.Equal(new ChannelChoice(false, true), options.DefaultFor(PersonalEvents.TaskDueSoon));
        Assert.Equal(new ChannelChoice(true, true), options.DefaultFor(PersonalEvents.TaskOverdue));
        Assert.Equal(TimeSpan.FromHours(2), options.Lead);
    }

    [Fact]
    public void A_configured_channel_replaces_only_that_channel_of_the_built_in_default()
    {
        var options = Bind(("Notifications:Personal:Defaults:task-assigned:Email", "true"),
            ("Notifications:Personal:Defaults:Task-Overdue:InApp", "false"));

        Assert.Equal(new ChannelChoice(true, true), options.DefaultFor(PersonalEvents.TaskAssigned));
        Assert.Equal(new ChannelChoice(true, false), options.DefaultFor(PersonalEvents.TaskOverdue));
        Assert.True(options.DefaultsNameKnownEvents);
        Assert.False(Bind(("Notifications:Personal:Defaults:task-forgotten:Email", "true")).DefaultsNameKnownEvents);
    }

    [Theory]
    [InlineData("PT30M", 30)]
    [InlineData("P1D", 1440)]
    [InlineData("01:30:00", 90)]
    public void The_lead_is_read_as_ISO_8601_or_as_a_time_span(string written, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), Bind(("Notifications:Personal:DueSoonLead", written)).Lead);

    [Theory]
    [InlineData("two hours")]
    [InlineData("PT0S")]
    [InlineData("-PT1H")]
    public void A_lead_that_is_no_positive_duration_is_refused(string written) =>
        Assert.Null(Bind(("Notifications:Personal:DueSoonLead", written)).Lead);
}
