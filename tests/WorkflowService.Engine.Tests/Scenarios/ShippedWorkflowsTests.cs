namespace WorkflowService.Engine.Tests.Scenarios;

/// <summary>The workflows folder holds exactly the processes that have scenario tests, and each deploys cleanly.</summary>
public sealed class ShippedWorkflowsTests
{
    [Fact]
    public void Every_shipped_workflow_has_scenario_tests_and_a_new_one_is_noticed()
    {
        var files = Directory.GetFiles(ShippedProcesses.Folder, "*.bpmn").Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(ShippedProcesses.FileNames, files);
    }

    [Theory]
    [InlineData("complaint.bpmn", "complaint")]
    [InlineData("customer-revisit.bpmn", "customer-revisit")]
    [InlineData("hotline-call.bpmn", "hotline-call")]
    [InlineData("repair.bpmn", "repair")]
    [InlineData("replacement.bpmn", "replacement")]
    [InlineData("training.bpmn", "training")]
    public void A_shipped_workflow_parses_without_findings_to_the_process_the_host_starts(string fileName, string processKey)
    {
        Assert.Equal(processKey, ShippedProcesses.Load(fileName).Key);
    }
}
