using WorkflowService.Testing;
namespace WorkflowService.Web.Tests.Support;

/// <summary>Diagrams the designer tests upload and publish (page tests and browser tests alike).</summary>
public static class DesignerDiagrams
{
    /// <summary>The shipped repair process, version 1 of the test host.</summary>
    public static string Repair() => File.ReadAllText(Path.Combine(RepositoryPaths.Workflows, "repair.bpmn"));

    /// <summary>
    /// A drawable process with one deploy-time error on an element: the exclusive gateway
    /// <c>checkWarranty</c> (line 8) has no outgoing sequence flow.
    /// </summary>
    public const string BrokenGateway = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="brokenDefinitions" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="warranty-check" name="Warranty check" isExecutable="true">
            <bpmn:startEvent id="checkRequested" name="Check requested">
              <bpmn:outgoing>toGateway</bpmn:outgoing>
            </bpmn:startEvent>
            <bpmn:sequenceFlow id="toGateway" sourceRef="checkRequested" targetRef="checkWarranty" />
            <bpmn:exclusiveGateway id="checkWarranty" name="In warranty?">
              <bpmn:incoming>toGateway</bpmn:incoming>
            </bpmn:exclusiveGateway>
          </bpmn:process>
          <bpmndi:BPMNDiagram id="brokenDiagram">
            <bpmndi:BPMNPlane id="brokenPlane" bpmnElement="warranty-check">
              <bpmndi:BPMNShape id="checkRequested_di" bpmnElement="checkRequested">
                <dc:Bounds x="152" y="102" width="36" height="36" />
              </bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="checkWarranty_di" bpmnElement="checkWarranty" isMarkerVisible="true">
                <dc:Bounds x="245" y="95" width="50" height="50" />
              </bpmndi:BPMNShape>
              <bpmndi:BPMNEdge id="toGateway_di" bpmnElement="toGateway">
                <di:waypoint x="188" y="120" />
                <di:waypoint x="245" y="120" />
              </bpmndi:BPMNEdge>
            </bpmndi:BPMNPlane>
          </bpmndi:BPMNDiagram>
        </bpmn:definitions>
        """;

    /// <summary>An external-entity attack: the parser refuses any DTD.</summary>
    public const string HostileDtd = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE definitions [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
          <process id="stolen" isExecutable="true"><startEvent id="s" name="&secret;" /></process>
        </definitions>
        """;
}
