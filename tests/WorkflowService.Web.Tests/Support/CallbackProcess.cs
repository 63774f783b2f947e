using Microsoft.Extensions.DependencyInjection;
using WorkflowService.Runtime.Definitions;

namespace WorkflowService.Web.Tests.Support;

/// <summary>
/// A one-task process whose due date, priority and candidate group come from start variables, so
/// inbox tests can lay out overdue, due-soon and on-time tasks on the real clock. Its form has one
/// field of every type (and a read-only one).
/// </summary>
public static class CallbackProcess
{
    public const string Key = "customer-callback";
    public const string Name = "Customer callback (客户回电)";

    public const string Xml = $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                          id="callbackDefinitions" targetNamespace="http://workflow.test">
          <bpmn:process id="{{Key}}" name="{{Name}}" isExecutable="true">
            <bpmn:startEvent id="callbackRequested"><bpmn:outgoing>toCall</bpmn:outgoing></bpmn:startEvent>
            <bpmn:userTask id="callBack" name="Call the customer back" camunda:candidateGroups="${group}"
                           camunda:dueDate="${due}" camunda:priority="${priority}">
              <bpmn:extensionElements>
                <camunda:formData>
                  <camunda:formField id="ticket" label="Ticket (工单号)" type="string">
                    <camunda:validation><camunda:constraint name="readonly" /></camunda:validation>
                  </camunda:formField>
                  <camunda:formField id="reached" label="Customer reached (已联系上)" type="boolean">
                    <camunda:validation><camunda:constraint name="required" /></camunda:validation>
                  </camunda:formField>
                  <camunda:formField id="attempts" label="Attempts (次数)" type="long">
                    <camunda:validation><camunda:constraint name="min" config="1" /><camunda:constraint name="max" config="5" /></camunda:validation>
                  </camunda:formField>
                  <camunda:formField id="nextContact" label="Next contact (下次联系)" type="date">
                    <camunda:validation><camunda:constraint name="min" config="2020-01-01" /></camunda:validation>
                  </camunda:formField>
                  <camunda:formField id="channel" label="Channel (方式)" type="enum">
                    <camunda:value id="phone" name="Phone (电话)" />
                    <camunda:value id="visit" name="Visit (上门)" />
                  </camunda:formField>
                  <camunda:formField id="note" label="Note (备注)" type="string">
                    <camunda:validation><camunda:constraint name="minlength" config="3" /><camunda:constraint name="maxlength" config="100" /></camunda:validation>
                  </camunda:formField>
                </camunda:formData>
              </bpmn:extensionElements>
              <bpmn:incoming>toCall</bpmn:incoming>
              <bpmn:outgoing>toDone</bpmn:outgoing>
            </bpmn:userTask>
            <bpmn:endEvent id="calledBack"><bpmn:incoming>toDone</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="toCall" sourceRef="callbackRequested" targetRef="callBack" />
            <bpmn:sequenceFlow id="toDone" sourceRef="callBack" targetRef="calledBack" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    public static Task DeployAsync(WorkflowHost host) =>
        host.Services.GetRequiredService<DefinitionService>().DeployAsync(Xml, "test");

    /// <summary>Starts a callback for <paramref name="group"/> due at <paramref name="due"/>; returns the instance id.</summary>
    public static Task<Guid> StartAsync(WorkflowHost host, string businessKey, DateTimeOffset due, int priority = 50,
        string group = "agents") =>
        host.StartAsync(Key, businessKey, new { group, due = due.UtcDateTime.ToString("O"), priority, ticket = businessKey });
}
