using static WorkflowService.Engine.Tests.Parsing.BpmnFixture;

namespace WorkflowService.Engine.Tests.Parsing;

/// <summary>camunda:candidateStarterUsers / candidateStarterGroups: who may start a process.</summary>
public sealed class ProcessStarterTests
{
    /// <summary>A one-path process 'p' with <paramref name="attributes"/> on its process element.</summary>
    internal static string WithStarters(string attributes) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="{BpmnNs}" xmlns:camunda="{CamundaNs}" id="d">
          <process id="p" isExecutable="true" {attributes}>
            <startEvent id="s" />
            <endEvent id="e" />
            <sequenceFlow id="f" sourceRef="s" targetRef="e" />
          </process>
        </definitions>
        """;

    [Fact]
    public void A_process_without_starter_lists_may_be_started_by_anyone()
    {
        var model = Parsed(WithStarters(""));

        Assert.False(model.Starters.IsRestricted);
        Assert.True(model.Starters.Allows("anybody", new HashSet<string>()));
    }

    [Fact]
    public void Starter_users_and_groups_are_read_as_trimmed_comma_separated_lists()
    {
        var model = Parsed(WithStarters("""camunda:candidateStarterUsers=" desk , pbx-bridge,desk" camunda:candidateStarterGroups="hotline-admins" """));

        Assert.Equal(["desk", "pbx-bridge"], model.Starters.Users.ToArray());
        Assert.Equal(["hotline-admins"], model.Starters.Groups.ToArray());
    }

    [Theory]
    [InlineData("desk", "", true)]
    [InlineData("agent", "hotline-admins", true)]
    [InlineData("agent", "hotline", false)]
    [InlineData("Desk", "", false)]
    public void Only_listed_users_and_members_of_listed_groups_may_start_a_restricted_process(string user, string group, bool allowed)
    {
        var model = Parsed(WithStarters("""camunda:candidateStarterUsers="desk" camunda:candidateStarterGroups="hotline-admins" """));
        var groups = group.Length == 0 ? new HashSet<string>() : new HashSet<string> { group };

        Assert.Equal(allowed, model.Starters.Allows(user, groups));
    }

    [Fact]
    public void A_starter_expression_is_refused_because_no_variables_exist_before_the_start()
    {
        var xml = WithStarters("""camunda:candidateStarterGroups="${starters}" """);

        var error = AssertRefused(xml, "p", "process", "camunda:candidateStarterGroups of process 'p' is an expression", "<process id=\"p\"");

        Assert.Contains("list the names", error.Message, StringComparison.Ordinal);
    }
}
