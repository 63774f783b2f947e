using WorkflowService.Engine.Model;
using static WorkflowService.Engine.Tests.Parsing.BpmnFixture;

namespace WorkflowService.Engine.Tests.Parsing;

/// <summary>What every node carries: name, line, documentation, camunda:properties; and what is ignored around it.</summary>
public sealed class CommonNodePartsTests
{
    [Fact]
    public void A_node_keeps_its_name_line_first_documentation_and_properties()
    {
        var xml = Linear("""
            <userTask id="diagnose" name="Diagnose&#10;the fault" camunda:asyncBefore="true" camunda:asyncAfter="true"
                      camunda:exclusive="false" camunda:jobPriority="5">
              <documentation>  Find out what is broken.  </documentation>
              <documentation>Second documentation is not kept.</documentation>
              <extensionElements>
                <camunda:properties>
                  <camunda:property name="sla" value="PT4H" />
                  <camunda:property name="colour" value="red" />
                </camunda:properties>
                <camunda:failedJobRetryTimeCycle>R3/PT5M</camunda:failedJobRetryTimeCycle>
                <vendor:layout xmlns:vendor="urn:vendor" colour="blue" />
              </extensionElements>
            </userTask>
            """, "diagnose");

        var task = Node<UserTaskNode>(xml, "diagnose");

        Assert.Equal("Diagnose\nthe fault", task.Name);
        Assert.Equal(LineOf(xml, "id=\"diagnose\""), task.Line);
        Assert.Equal("Find out what is broken.", task.Documentation);
        Assert.Equal("PT4H", task.Properties["sla"]);
        Assert.Equal("red", task.Properties["colour"]);
        Assert.Equal("userTask 'diagnose' (Diagnose\nthe fault)", task.Describe());
    }

    [Fact]
    public void Diagram_lanes_artifacts_data_and_collaboration_are_ignored()
    {
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="{BpmnNs}" xmlns:camunda="{CamundaNs}"
                xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
                xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="d">
              <category id="cat"><categoryValue id="cv" value="Important" /></category>
              <dataStore id="store" name="ERP" />
              <collaboration id="collab">
                <participant id="desk" name="Service desk" processRef="p" />
                <participant id="customer" name="Customer" />
                <messageFlow id="mf" sourceRef="customer" targetRef="t" />
              </collaboration>
              <process id="p" isExecutable="true" camunda:versionTag="3" camunda:historyTimeToLive="180"
                       camunda:candidateStarterGroups="desk">
                <documentation>The repair process</documentation>
                <laneSet id="ls"><lane id="lane1" name="Desk"><flowNodeRef>s</flowNodeRef></lane></laneSet>
                <ioSpecification id="io"><inputSet id="is" /><outputSet id="os" /></ioSpecification>
                <dataObject id="ticketData" />
                <dataObjectReference id="ticketRef" dataObjectRef="ticketData" />
                <dataStoreReference id="storeRef" dataStoreRef="store" />
                <startEvent id="s" />
                <task id="t">
                  <dataInputAssociation id="dia"><sourceRef>ticketRef</sourceRef></dataInputAssociation>
                  <dataOutputAssociation id="doa"><targetRef>storeRef</targetRef></dataOutputAssociation>
                </task>
                <endEvent id="e" />
                <sequenceFlow id="f1" sourceRef="s" targetRef="t" />
                <sequenceFlow id="f2" sourceRef="t" targetRef="e" />
                <textAnnotation id="note"><text>Call the customer first</text></textAnnotation>
                <association id="assoc" sourceRef="note" targetRef="t" />
                <group id="grp" categoryValueRef="cv" />
              </process>
              <bpmndi:BPMNDiagram id="diagram">
                <bpmndi:BPMNPlane id="plane" bpmnElement="collab">
                  <bpmndi:BPMNShape id="s_di" bpmnElement="s"><dc:Bounds x="0" y="0" width="36" height="36" /></bpmndi:BPMNShape>
                  <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="36" y="18" /><di:waypoint x="90" y="18" /></bpmndi:BPMNEdge>
                </bpmndi:BPMNPlane>
              </bpmndi:BPMNDiagram>
            </definitions>
            """;

        var result = Parse(xml);

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        Assert.Equal(["e", "s", "t"], result.Processes[0].Nodes.Select(n => n.Id).Order());
    }
}
