using WorkflowService.Engine.Model;
using static WorkflowService.Engine.Tests.Parsing.BpmnFixture;

namespace WorkflowService.Engine.Tests.Parsing;

/// <summary>Camunda 7 extensions are read from the Camunda namespace and from the Activiti one older files use.</summary>
public sealed class ExtensionNamespaceTests
{
    private static string Document(string extensionNamespace) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="{BpmnNs}" xmlns:ext="{extensionNamespace}" id="d">
          <process id="p" isExecutable="true">
            <startEvent id="s" ext:initiator="starter" />
            <userTask id="approve" ext:assignee="demo" ext:candidateGroups="management" ext:formKey="embedded:app:approve.html">
              <extensionElements>
                <ext:formData>
                  <ext:formField id="amount" label="Amount" type="long" />
                </ext:formData>
                <ext:properties><ext:property name="sla" value="P1D" /></ext:properties>
              </extensionElements>
            </userTask>
            <serviceTask id="archive" ext:type="external" ext:topic="archive-invoice" />
            <endEvent id="e" />
            <sequenceFlow id="f1" sourceRef="s" targetRef="approve" />
            <sequenceFlow id="f2" sourceRef="approve" targetRef="archive" />
            <sequenceFlow id="f3" sourceRef="archive" targetRef="e" />
          </process>
        </definitions>
        """;

    [Fact]
    public void Camunda_extensions_are_read_from_the_camunda_namespace()
    {
        var model = Parsed(Document(CamundaNs));

        var task = Assert.IsType<UserTaskNode>(model.Node("approve"));
        Assert.Equal("demo", task.Assignee);
        Assert.Equal("management", task.CandidateGroups);
        Assert.Equal("embedded:app:approve.html", task.FormKey);
        Assert.Equal("amount", Assert.Single(task.FormFields).Id);
        Assert.Equal("P1D", task.Properties["sla"]);
        Assert.Equal("archive-invoice", Assert.IsType<ExternalTaskNode>(model.Node("archive")).Topic);
        Assert.Equal("starter", Assert.IsType<StartEventNode>(model.Node("s")).InitiatorVariable);
    }

    [Fact]
    public void The_activiti_namespace_of_old_Camunda_files_reads_the_same_as_the_camunda_namespace() =>
        Assert.Equal(Dump(Parsed(Document(CamundaNs))), Dump(Parsed(Document("http://activiti.org/bpmn"))));

    [Fact]
    public void Attributes_of_an_unknown_namespace_are_not_read_as_Camunda_extensions() =>
        AssertRefused(Document("urn:some-other-vendor"), "archive", "serviceTask", "has no implementation");
}
