namespace WorkflowService.Testing;

/// <summary>A process whose start event asks a form, for the tests of start forms (runtime and API).</summary>
public static class StartFormBpmn
{
    /// <summary>
    /// Asks fault (required, at most 50 characters), units (a whole number, at least 1), customer (required) and
    /// priority (low or high), then offers one task to the agents. <paramref name="extraField"/> adds a field, so a
    /// second version can differ from the first.
    /// </summary>
    public static string Process(string key, string extraField = "") => TestBpmn.Process(key, $"""
        <bpmn:startEvent id="received" name="Request received">
          <bpmn:extensionElements>
            <camunda:formData>
              <camunda:formField id="fault" label="Fault" type="string">
                <camunda:validation>
                  <camunda:constraint name="required" />
                  <camunda:constraint name="maxlength" config="50" />
                </camunda:validation>
              </camunda:formField>
              <camunda:formField id="units" label="Units" type="long" defaultValue="1">
                <camunda:validation><camunda:constraint name="min" config="1" /></camunda:validation>
              </camunda:formField>
              <camunda:formField id="customer" label="Customer" type="string">
                <camunda:validation><camunda:constraint name="required" /></camunda:validation>
              </camunda:formField>
              <camunda:formField id="priority" label="Priority" type="enum">
                <camunda:value id="low" name="Low" />
                <camunda:value id="high" name="High" />
              </camunda:formField>
              {extraField}
            </camunda:formData>
          </bpmn:extensionElements>
        </bpmn:startEvent>
        <bpmn:userTask id="work" name="Work" camunda:candidateGroups="agents" />
        <bpmn:endEvent id="done" />
        {TestBpmn.Flows("received", "work", "done")}
        """);
}
