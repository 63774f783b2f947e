using System.Security.Cryptography;

namespace WorkflowService.Web.Pages.Designer;

/// <summary>
/// The diagram a new process starts from: start → user task → end, with diagram data, written the
/// way Camunda Modeler writes a Camunda 7 process, so it validates and publishes as it is. The
/// process id gets a random suffix (as Camunda Modeler does) so two new processes do not collide.
/// </summary>
public static class ProcessTemplate
{
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A new process named <paramref name="name"/>, its start, task and end named as <paramref name="elements"/> says
    /// (the page's language: what a process owner leaves unrenamed is what the inbox shows).</summary>
    public static string Create(string name, (string Start, string Task, string End)? elements = null) =>
        Xml(NewProcessId(), name, elements ?? ("Started", "Do the work", "Done"));

    public static string NewProcessId() => "Process_" + RandomNumberGenerator.GetString(IdAlphabet, 7);

    internal static string Xml(string processId, string name, (string Start, string Task, string End) elements) => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_{{processId}}" targetNamespace="http://bpmn.io/schema/bpmn" exporter="WorkflowService" exporterVersion="1.0">
          <bpmn:process id="{{processId}}" name="{{System.Security.SecurityElement.Escape(name)}}" isExecutable="true">
            <bpmn:startEvent id="StartEvent_1" name="{{Escape(elements.Start)}}" camunda:initiator="initiator">
              <bpmn:outgoing>Flow_start</bpmn:outgoing>
            </bpmn:startEvent>
            <bpmn:userTask id="Task_1" name="{{Escape(elements.Task)}}" camunda:assignee="${initiator}">
              <bpmn:incoming>Flow_start</bpmn:incoming>
              <bpmn:outgoing>Flow_end</bpmn:outgoing>
            </bpmn:userTask>
            <bpmn:endEvent id="EndEvent_1" name="{{Escape(elements.End)}}">
              <bpmn:incoming>Flow_end</bpmn:incoming>
            </bpmn:endEvent>
            <bpmn:sequenceFlow id="Flow_start" sourceRef="StartEvent_1" targetRef="Task_1" />
            <bpmn:sequenceFlow id="Flow_end" sourceRef="Task_1" targetRef="EndEvent_1" />
          </bpmn:process>
          <bpmndi:BPMNDiagram id="Diagram_{{processId}}">
            <bpmndi:BPMNPlane id="Plane_{{processId}}" bpmnElement="{{processId}}">
              <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1">
                <dc:Bounds x="152" y="102" width="36" height="36" />
                <bpmndi:BPMNLabel><dc:Bounds x="151" y="145" width="38" height="14" /></bpmndi:BPMNLabel>
              </bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="Task_1_di" bpmnElement="Task_1">
                <dc:Bounds x="240" y="80" width="100" height="80" />
              </bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="EndEvent_1_di" bpmnElement="EndEvent_1">
                <dc:Bounds x="392" y="102" width="36" height="36" />
                <bpmndi:BPMNLabel><dc:Bounds x="397" y="145" width="27" height="14" /></bpmndi:BPMNLabel>
              </bpmndi:BPMNShape>
              <bpmndi:BPMNEdge id="Flow_start_di" bpmnElement="Flow_start">
                <di:waypoint x="188" y="120" />
                <di:waypoint x="240" y="120" />
              </bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="Flow_end_di" bpmnElement="Flow_end">
                <di:waypoint x="340" y="120" />
                <di:waypoint x="392" y="120" />
              </bpmndi:BPMNEdge>
            </bpmndi:BPMNPlane>
          </bpmndi:BPMNDiagram>
        </bpmn:definitions>
        """;

    private static string Escape(string text) => System.Security.SecurityElement.Escape(text);
}
