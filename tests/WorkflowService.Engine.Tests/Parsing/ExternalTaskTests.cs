using WorkflowService.Engine.Model;
using static WorkflowService.Engine.Tests.Parsing.BpmnFixture;

namespace WorkflowService.Engine.Tests.Parsing;

/// <summary>Service and send tasks run as external tasks by topic; every other implementation is refused.</summary>
public sealed class ExternalTaskTests
{
    private const string UseExternal = "use camunda:type=\"external\" with a camunda:topic (an external worker or a built-in topic such as send-email does the work)";

    [Fact]
    public void An_external_service_task_becomes_an_external_task_node()
    {
        var task = Node<ExternalTaskNode>(Linear("""
            <serviceTask id="notify" camunda:type="external" camunda:topic="send-email" camunda:taskPriority="${urgent ? 90 : 10}" />
            """, "notify"), "notify");

        Assert.Equal("serviceTask", task.ElementType);
        Assert.Equal("send-email", task.Topic);
        Assert.Equal("${urgent ? 90 : 10}", task.Priority);
        Assert.Empty(task.Inputs);
        Assert.Empty(task.Outputs);
    }

    [Fact]
    public void An_external_send_task_keeps_its_element_type()
    {
        var task = Node<ExternalTaskNode>(Linear("""
            <sendTask id="mail" camunda:type="external" camunda:topic="send-email" />
            """, "mail"), "mail");

        Assert.Equal("sendTask", task.ElementType);
        Assert.Equal("sendTask 'mail'", task.Describe());
    }

    [Fact]
    public void Input_and_output_parameters_are_read_as_text_lists_and_maps()
    {
        var task = Node<ExternalTaskNode>(Linear("""
            <serviceTask id="notify" camunda:type="external" camunda:topic="send-email">
              <extensionElements>
                <camunda:inputOutput>
                  <camunda:inputParameter name="to">${customer.email}</camunda:inputParameter>
                  <camunda:inputParameter name="template">repair-done</camunda:inputParameter>
                  <camunda:inputParameter name="empty" />
                  <camunda:inputParameter name="cc">
                    <camunda:list>
                      <camunda:value>desk@example.com</camunda:value>
                      <camunda:value>${engineer.email}</camunda:value>
                      <camunda:list><camunda:value>nested</camunda:value></camunda:list>
                    </camunda:list>
                  </camunda:inputParameter>
                  <camunda:inputParameter name="model">
                    <camunda:map>
                      <camunda:entry key="ticket">${ticketId}</camunda:entry>
                      <camunda:entry key="lines"><camunda:list><camunda:value>a</camunda:value></camunda:list></camunda:entry>
                      <camunda:entry key="address"><camunda:map><camunda:entry key="city">Lyon</camunda:entry></camunda:map></camunda:entry>
                    </camunda:map>
                  </camunda:inputParameter>
                  <camunda:outputParameter name="messageId">${messageId}</camunda:outputParameter>
                </camunda:inputOutput>
              </extensionElements>
            </serviceTask>
            """, "notify"), "notify");

        Assert.Equal(["to", "template", "empty", "cc", "model"], task.Inputs.Select(p => p.Name));
        Assert.Equal(new IoText("${customer.email}"), task.Inputs[0].Value);
        Assert.Equal(new IoText("repair-done"), task.Inputs[1].Value);
        Assert.Equal(new IoText(null), task.Inputs[2].Value);

        var cc = Assert.IsType<IoList>(task.Inputs[3].Value);
        Assert.Equal(new IoText("desk@example.com"), cc.Items[0]);
        Assert.Equal(new IoText("${engineer.email}"), cc.Items[1]);
        Assert.Equal(new IoText("nested"), Assert.Single(Assert.IsType<IoList>(cc.Items[2]).Items));

        var model = Assert.IsType<IoMap>(task.Inputs[4].Value);
        Assert.Equal(["ticket", "lines", "address"], model.Entries.Select(e => e.Key));
        Assert.Equal(new IoText("${ticketId}"), model.Entries[0].Value);
        Assert.Equal(new IoText("a"), Assert.Single(Assert.IsType<IoList>(model.Entries[1].Value).Items));
        var address = Assert.IsType<IoMap>(model.Entries[2].Value);
        Assert.Equal(new KeyValuePair<string, IoValue>("city", new IoText("Lyon")), Assert.Single(address.Entries));

        var output = Assert.Single(task.Outputs);
        Assert.Equal(new IoParameter("messageId", new IoText("${messageId}")), output);
    }

    [Fact]
    public void A_script_inside_a_parameter_is_refused()
    {
        var xml = Linear("""
            <serviceTask id="notify" camunda:type="external" camunda:topic="send-email">
              <extensionElements>
                <camunda:inputOutput>
                  <camunda:inputParameter name="to">
                    <camunda:script scriptFormat="javascript">customer.email</camunda:script>
                  </camunda:inputParameter>
                </camunda:inputOutput>
              </extensionElements>
            </serviceTask>
            """, "notify");

        AssertRefused(xml, "notify", "serviceTask", "uses a camunda:script, which is not supported in input/output parameters; use an expression",
            lineFragment: "<camunda:script");
    }

    [Fact]
    public void An_external_task_without_a_topic_is_refused()
    {
        var xml = Linear("""<serviceTask id="notify" camunda:type="external" />""", "notify");

        AssertRefused(xml, "notify", "serviceTask", "has camunda:type=\"external\" but no camunda:topic");
    }

    [Theory]
    [InlineData("""camunda:class="com.acme.Archive" """, "camunda:class is not supported")]
    [InlineData("""camunda:delegateExpression="${archiver}" """, "camunda:delegateExpression is not supported")]
    [InlineData("""camunda:expression="${archiver.run(execution)}" """, "camunda:expression is not supported")]
    [InlineData("""camunda:type="soap" """, "camunda:type=\"soap\" is not supported")]
    [InlineData("", "has no implementation, which is not supported")]
    public void A_service_task_with_another_implementation_is_refused_pointing_to_external_tasks(string attributes, string reason)
    {
        var xml = Linear($"""<serviceTask id="archive" {attributes}/>""", "archive");

        var error = AssertRefused(xml, "archive", "serviceTask", reason);
        Assert.EndsWith(UseExternal, error.Message);
    }

    [Fact]
    public void A_service_task_with_a_connector_is_refused_pointing_to_external_tasks()
    {
        var xml = Linear("""
            <serviceTask id="callRest">
              <extensionElements>
                <camunda:connector><camunda:connectorId>http-connector</camunda:connectorId></camunda:connector>
              </extensionElements>
            </serviceTask>
            """, "callRest");

        var error = AssertRefused(xml, "callRest", "serviceTask", "camunda:connector is not supported");
        Assert.EndsWith(UseExternal, error.Message);
    }

    [Fact]
    public void A_send_task_with_a_java_class_is_refused_pointing_to_external_tasks()
    {
        var xml = Linear("""<sendTask id="mail" camunda:class="com.acme.Mailer" />""", "mail");

        AssertRefused(xml, "mail", "sendTask", "Send task 'mail': camunda:class is not supported; use camunda:type=\"external\"");
    }
}
