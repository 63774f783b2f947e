namespace WorkflowService.Testing;

/// <summary>
/// Tiny processes deployed by tests (through the API or the runtime's services), each a single
/// executable process in the Camunda namespace, without diagram data (the parser does not need it).
/// </summary>
public static class TestBpmn
{
    public static string Process(string key, string body, string definitions = "") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                          id="{key}-definitions" targetNamespace="http://workflow.test">
          {definitions}
          <bpmn:process id="{key}" name="Test {key}" isExecutable="true">
            {body}
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>Sequence flows along a chain of element ids: <c>Flows("a", "b", "c")</c> is a → b → c.</summary>
    public static string Flows(params string[] chain) => string.Concat(chain.Zip(chain.Skip(1),
        (from, to) => $"""<bpmn:sequenceFlow id="{from}-{to}" sourceRef="{from}" targetRef="{to}" />"""));

    private const string CustomerExpression = "${customer}";

    private static string UserTask(string id) => $"""<bpmn:userTask id="{id}" name="{id}" camunda:candidateGroups="agents" />""";

    /// <summary>Start, then user tasks one after another (each named as its id, offered to <c>agents</c>), then the end.</summary>
    public static string Tasks(string key, params string[] taskIds) => Process(key, $"""
        <bpmn:startEvent id="start" />
        {string.Concat(taskIds.Select(UserTask))}
        <bpmn:endEvent id="end" />
        {Flows(["start", .. taskIds, "end"])}
        """);

    /// <summary>A task watched by a non-interrupting SLA timer: when it fires, a breach of <paramref name="rule"/> is recorded.</summary>
    public static string TaskWithSlaTimer(string key, string duration, string rule) => Process(key, $"""
        <bpmn:startEvent id="start" />
        {UserTask("work")}
        <bpmn:boundaryEvent id="slaTimer" cancelActivity="false" attachedToRef="work">
          <bpmn:extensionElements><camunda:properties><camunda:property name="sla" value="{rule}" /></camunda:properties></bpmn:extensionElements>
          <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">{duration}</bpmn:timeDuration></bpmn:timerEventDefinition>
        </bpmn:boundaryEvent>
        <bpmn:endEvent id="breachRecorded" />
        <bpmn:endEvent id="done" />
        {Flows("start", "work", "done")}{Flows("slaTimer", "breachRecorded")}
        """);

    /// <summary>The instance waits on an intermediate timer, then offers one task.</summary>
    public static string WaitThenTask(string key, string duration) => Process(key, $"""
        <bpmn:startEvent id="start" />
        <bpmn:intermediateCatchEvent id="wait">
          <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">{duration}</bpmn:timeDuration></bpmn:timerEventDefinition>
        </bpmn:intermediateCatchEvent>
        {UserTask("afterWait")}
        <bpmn:endEvent id="done" />
        {Flows("start", "wait", "afterWait", "done")}
        """);

    /// <summary>Instances started by a timer start event on a cycle such as <c>R2/PT1S</c>.</summary>
    public static string TimerStart(string key, string cycle) => Process(key, $"""
        <bpmn:startEvent id="tick">
          <bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">{cycle}</bpmn:timeCycle></bpmn:timerEventDefinition>
        </bpmn:startEvent>
        {UserTask("started")}
        <bpmn:endEvent id="done" />
        {Flows("tick", "started", "done")}
        """);

    /// <summary>
    /// An external service task on <paramref name="topic"/> (an ERP lookup); the error code
    /// <c>NOT_IN_ERP</c> is caught by an error boundary event leading to <c>registerInErp</c>,
    /// success leads to <c>reviewCheck</c>.
    /// </summary>
    public static string ExternalCheck(string key, string topic) => Process(key, $"""
        <bpmn:startEvent id="start" />
        <bpmn:serviceTask id="checkErp" name="Check the ERP" camunda:type="external" camunda:topic="{topic}">
          <bpmn:extensionElements><camunda:inputOutput>
            <camunda:inputParameter name="customer">{CustomerExpression}</camunda:inputParameter>
          </camunda:inputOutput></bpmn:extensionElements>
        </bpmn:serviceTask>
        <bpmn:boundaryEvent id="notInErp" attachedToRef="checkErp">
          <bpmn:errorEventDefinition errorRef="errNotInErp" />
        </bpmn:boundaryEvent>
        {UserTask("registerInErp")}
        {UserTask("reviewCheck")}
        <bpmn:endEvent id="done" />
        <bpmn:endEvent id="registered" />
        {Flows("start", "checkErp", "reviewCheck", "done")}{Flows("notInErp", "registerInErp", "registered")}
        """, """<bpmn:error id="errNotInErp" name="Not in ERP" errorCode="NOT_IN_ERP" />""");
}
