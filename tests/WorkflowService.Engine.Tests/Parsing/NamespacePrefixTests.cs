using static WorkflowService.Engine.Tests.Parsing.BpmnFixture;

namespace WorkflowService.Engine.Tests.Parsing;

/// <summary>Elements are matched by namespace URI: every prefix a modeler may choose reads the same.</summary>
public sealed class NamespacePrefixTests
{
    /// <summary>One process exercising most element kinds, written with the given BPMN prefix.</summary>
    private static string Document(string prefix)
    {
        var p = prefix.Length == 0 ? "" : prefix + ":";
        var xmlns = prefix.Length == 0 ? "xmlns" : "xmlns:" + prefix;
        return $$"""
            <?xml version="1.0" encoding="UTF-8"?>
            <{{p}}definitions {{xmlns}}="{{BpmnNs}}" xmlns:camunda="{{CamundaNs}}"
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" id="defs">
              <{{p}}message id="partsArrived" name="parts-arrived" />
              <{{p}}error id="noWarranty" errorCode="NO_WARRANTY" />
              <{{p}}process id="repair" name="Repair" isExecutable="true">
                <{{p}}startEvent id="start"><{{p}}outgoing>f1</{{p}}outgoing></{{p}}startEvent>
                <{{p}}userTask id="triage" name="Triage" camunda:candidateGroups="agents">
                  <{{p}}documentation>Look at the ticket</{{p}}documentation>
                </{{p}}userTask>
                <{{p}}exclusiveGateway id="checkWarranty" default="paid" />
                <{{p}}subProcess id="fix">
                  <{{p}}startEvent id="fixStart" />
                  <{{p}}intermediateCatchEvent id="waitParts">
                    <{{p}}messageEventDefinition messageRef="partsArrived" />
                  </{{p}}intermediateCatchEvent>
                  <{{p}}endEvent id="fixEnd" />
                  <{{p}}sequenceFlow id="s1" sourceRef="fixStart" targetRef="waitParts" />
                  <{{p}}sequenceFlow id="s2" sourceRef="waitParts" targetRef="fixEnd" />
                </{{p}}subProcess>
                <{{p}}boundaryEvent id="late" attachedToRef="fix" cancelActivity="false">
                  <{{p}}timerEventDefinition><{{p}}timeDuration xsi:type="{{p}}tFormalExpression">P2D</{{p}}timeDuration></{{p}}timerEventDefinition>
                </{{p}}boundaryEvent>
                <{{p}}scriptTask id="bill" scriptFormat="javascript"><{{p}}script>execution.setVariable('billed', true);</{{p}}script></{{p}}scriptTask>
                <{{p}}endEvent id="end" />
                <{{p}}endEvent id="refused"><{{p}}errorEventDefinition errorRef="noWarranty" /></{{p}}endEvent>
                <{{p}}task id="remind" />
                <{{p}}sequenceFlow id="f1" sourceRef="start" targetRef="triage" />
                <{{p}}sequenceFlow id="f2" sourceRef="triage" targetRef="checkWarranty" />
                <{{p}}sequenceFlow id="covered" sourceRef="checkWarranty" targetRef="fix">
                  <{{p}}conditionExpression xsi:type="{{p}}tFormalExpression">${underWarranty}</{{p}}conditionExpression>
                </{{p}}sequenceFlow>
                <{{p}}sequenceFlow id="paid" sourceRef="checkWarranty" targetRef="bill" />
                <{{p}}sequenceFlow id="f3" sourceRef="fix" targetRef="end" />
                <{{p}}sequenceFlow id="f4" sourceRef="bill" targetRef="refused" />
                <{{p}}sequenceFlow id="f5" sourceRef="late" targetRef="remind" />
              </{{p}}process>
              <bpmndi:BPMNDiagram id="diagram" />
            </{{p}}definitions>
            """;
    }

    private static readonly string DefaultNamespaceDump = Dump(Parsed(Document("")));

    [Fact]
    public void A_process_written_in_the_default_namespace_parses()
    {
        var model = Parsed(Document(""));
        Assert.Equal("repair", model.Key);
        Assert.Equal(12, model.Nodes.Count);
    }

    [Fact]
    public void A_process_written_with_the_bpmn_prefix_parses_to_the_same_model() =>
        Assert.Equal(DefaultNamespaceDump, Dump(Parsed(Document("bpmn"))));

    [Fact]
    public void A_process_written_with_the_bpmn2_prefix_parses_to_the_same_model() =>
        Assert.Equal(DefaultNamespaceDump, Dump(Parsed(Document("bpmn2"))));

    [Fact]
    public void A_process_written_with_the_semantic_prefix_parses_to_the_same_model() =>
        Assert.Equal(DefaultNamespaceDump, Dump(Parsed(Document("semantic"))));

    [Fact]
    public void A_process_written_with_the_model_prefix_parses_to_the_same_model() =>
        Assert.Equal(DefaultNamespaceDump, Dump(Parsed(Document("model"))));

    [Fact]
    public void An_element_with_a_BPMN_name_in_another_namespace_is_not_read_as_BPMN()
    {
        var xml = Process("""
                <startEvent id="s" />
                <x:userTask xmlns:x="urn:not-bpmn" id="ghost" />
                <sequenceFlow id="f" sourceRef="s" targetRef="e" />
                <endEvent id="e" />
            """);

        Assert.False(Parsed(xml).TryGetNode("ghost", out _));
    }

    [Fact]
    public void A_document_whose_root_is_not_BPMN_definitions_is_refused()
    {
        var result = Parse("""<definitions xmlns="urn:something-else" id="d"><process id="p" /></definitions>""");

        var error = Assert.Single(result.Errors);
        Assert.Equal("definitions", error.ElementType);
        Assert.Equal(1, error.Line);
        Assert.Contains("not a BPMN 2.0 file", error.Message);
    }
}
