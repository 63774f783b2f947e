using WorkflowService.Engine.Model;
using WorkflowService.Engine.Parsing;
using WorkflowService.Engine.Tests.Corpus;
using static WorkflowService.Engine.Tests.Parsing.BpmnFixture;

namespace WorkflowService.Engine.Tests.Parsing;

/// <summary>Specific public files read from the shared corpus (where they lie) parse to specific things.</summary>
public sealed class CorpusFileTests
{
    private static (string Xml, ParseResult Result) ParseCorpusFile(string relativePath)
    {
        var xml = File.ReadAllText(CorpusLocator.PathOf(relativePath));
        return (xml, new BpmnParser().Parse(xml));
    }

    [SkippableFact]
    public void Camundas_invoice_example_is_refused_for_its_listener_decision_java_class_and_call_activity()
    {
        var (xml, result) = ParseCorpusFile("camunda-bpm-platform/examples/invoice/src/main/resources/invoice.v2.bpmn");

        Assert.Empty(result.Processes);
        var errors = result.Errors.ToList();
        Assert.Equal(
            [
                ("approveInvoice", "userTask", LineOf(xml, "<camunda:taskListener event=\"create\">")),
                ("assignApprover", "businessRuleTask", LineOf(xml, "id=\"assignApprover\"")),
                ("ServiceTask_1", "serviceTask", LineOf(xml, "<serviceTask id=\"ServiceTask_1\"")),
                ("reviewInvoice", "callActivity", LineOf(xml, "<callActivity id=\"reviewInvoice\"")),
            ],
            errors.Select(e => (e.ElementId, e.ElementType, e.Line)));
        Assert.Contains("listeners are not supported", errors[0].Message);
        Assert.Contains("DMN decisions are not supported", errors[1].Message);
        Assert.Contains("camunda:class is not supported; use camunda:type=\"external\"", errors[2].Message);
        Assert.Contains("call activities are not supported", errors[3].Message);
    }

    [SkippableFact]
    public void Camundas_review_sales_lead_parses_to_user_tasks_with_candidate_groups_in_a_subprocess()
    {
        var (_, result) = ParseCorpusFile(
            "camunda-bpm-platform/engine/src/test/resources/org/camunda/bpm/engine/test/bpmn/event/error/reviewSalesLead.bpmn20.xml");

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var model = Assert.Single(result.Processes);
        Assert.Equal("reviewSaledLead", model.Key);
        Assert.Equal("Review sales lead", model.Name);
        Assert.Equal("initiator", Assert.IsType<StartEventNode>(model.Node("theStart")).InitiatorVariable);

        var provide = Assert.IsType<UserTaskNode>(model.Node("provideNewSalesLead"));
        Assert.Equal("${initiator}", provide.Assignee);
        Assert.Equal(["customerName", "potentialProfit", "details"], provide.FormFields.Select(f => f.Id));
        Assert.True(provide.FormFields[0].Required);

        var rating = Assert.IsType<UserTaskNode>(model.Node("reviewCustomerRating"));
        Assert.Equal("accountancy", rating.CandidateGroups);
        Assert.Equal("reviewSalesLeadSubProcess", rating.ParentId);
        var profitability = Assert.IsType<UserTaskNode>(model.Node("reviewProfitability"));
        Assert.Equal("management", profitability.CandidateGroups);
        Assert.Equal(FormFieldType.Enum, Assert.Single(profitability.FormFields).Type);

        Assert.Equal(new ErrorTrigger("not_enough_info"), Assert.IsType<EndEventNode>(model.Node("notEnoughInformationEnd")).Trigger);
        var boundary = Assert.IsType<BoundaryEventNode>(model.Node("catchNotEnoughInformationError"));
        Assert.Equal("reviewSalesLeadSubProcess", boundary.AttachedToId);
        Assert.Equal(new ErrorTrigger("not_enough_info"), boundary.Trigger);
    }

    [SkippableFact]
    public void Camundas_review_invoice_parses_to_assigned_user_tasks_with_form_keys()
    {
        var (_, result) = ParseCorpusFile("camunda-bpm-platform/examples/invoice/src/main/resources/reviewInvoice.bpmn");

        var model = Assert.Single(result.Processes);
        var tasks = model.Nodes.OfType<UserTaskNode>().ToList();
        Assert.Equal(2, tasks.Count);
        Assert.All(tasks, t => Assert.NotNull(t.Assignee));
        Assert.All(tasks, t => Assert.StartsWith("embedded:", t.FormKey));
    }

    [SkippableFact]
    public void A_MIWG_reference_file_is_refused_for_its_inclusive_gateway_at_the_right_line()
    {
        var (xml, result) = ParseCorpusFile("bpmn-miwg/Reference/B.2.0.bpmn");

        var error = Assert.Single(result.Errors, e => e.ElementId == "_dec393e7-f182-4d31-b05f-e33ac3a5e35f");
        Assert.Equal("inclusiveGateway", error.ElementType);
        Assert.Equal(104, error.Line);
        Assert.Equal(LineOf(xml, "id=\"_dec393e7-f182-4d31-b05f-e33ac3a5e35f\""), error.Line);
        Assert.Contains("inclusive gateways are not supported", error.Message);
    }

    [SkippableFact]
    public void A_file_written_with_the_activiti_namespace_is_read_with_its_camunda_extensions()
    {
        var (xml, result) = ParseCorpusFile("bpmn-miwg/Reference/C.1.0.bpmn");

        // The only error is the Java delegate: the activiti: attributes were read as Camunda ones.
        var error = Assert.Single(result.Errors);
        Assert.Equal("archiveInvoice", error.ElementId);
        Assert.Equal(LineOf(xml, "id=\"archiveInvoice\""), error.Line);
        Assert.Contains("camunda:delegateExpression is not supported", error.Message);
    }

    [SkippableFact]
    public void An_external_task_from_Camundas_engine_tests_parses_with_its_topic()
    {
        var (_, result) = ParseCorpusFile(
            "camunda-bpm-platform/engine/src/test/resources/org/camunda/bpm/engine/test/bpmn/external/ExternalTaskParseTest.testParseExternalTaskWithStringTopic.bpmn20.xml");

        var task = Assert.Single(Assert.Single(result.Processes).Nodes.OfType<ExternalTaskNode>());
        Assert.Equal("testTopicString", task.Topic);
    }

    [SkippableFact]
    public void A_cron_timer_in_a_Camunda_example_is_refused_naming_the_ISO_form()
    {
        var (xml, result) = ParseCorpusFile("camunda-bpm-examples/clients/java/order-handling/order-handling.bpmn");

        var error = Assert.Single(result.Errors, e => e.ElementType == "startEvent");
        Assert.Equal(LineOf(xml, "<bpmn:timeCycle"), error.Line);
        Assert.Contains("cron is not supported", error.Message);
    }
}
