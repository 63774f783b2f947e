using System.Text.Json;
using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Tests.Support;

namespace WorkflowService.Engine.Tests.Scenarios;

/// <summary>Assertions shared by the SLA breach scenarios: the recorded breach and the escalation email.</summary>
internal static class Escalations
{
    /// <summary>The one breach recorded, checked against its rule, timer, due time and detection time.</summary>
    public static RecordBreach AssertSingleBreach(this Simulation sim, string rule, string timerElementId,
        DateTimeOffset dueAt, DateTimeOffset? detectedAt = null)
    {
        var breach = Assert.Single(sim.Breaches);
        Assert.Equal((rule, timerElementId, dueAt, detectedAt ?? dueAt),
            (breach.Rule, breach.ElementId, breach.DueAt, breach.DetectedAt));
        return breach;
    }

    /// <summary>
    /// The open send-email task of an escalation: to the managers, with the escalation template,
    /// the rule, and a subject; returns the subject for the caller's own checks.
    /// </summary>
    public static string AssertEscalationEmail(this Simulation sim, string elementId, string rule, string? cc = null)
    {
        var email = sim.ExternalTask(elementId);
        Assert.Equal("send-email", email.Topic);
        Assert.Equal("managers", Text(email.Inputs["to"]));
        Assert.Equal("escalation", Text(email.Inputs["template"]));
        Assert.Equal(rule, Text(email.Inputs["rule"]));
        if (cc is null) Assert.False(email.Inputs.ContainsKey("cc"), "the email has an unexpected cc");
        else Assert.Equal(cc, Text(email.Inputs["cc"]));
        return Text(email.Inputs["subject"]);
    }

    private static string Text(JsonElement value)
    {
        Assert.Equal(JsonValueKind.String, value.ValueKind);
        return value.GetString()!;
    }
}
