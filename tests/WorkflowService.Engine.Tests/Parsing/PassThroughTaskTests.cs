using WorkflowService.Engine.Model;
using static WorkflowService.Engine.Tests.Parsing.BpmnFixture;

namespace WorkflowService.Engine.Tests.Parsing;

/// <summary>Plain and manual tasks let the token pass straight through and keep their element type.</summary>
public sealed class PassThroughTaskTests
{
    [Theory]
    [InlineData("task")]
    [InlineData("manualTask")]
    public void A_plain_or_manual_task_becomes_a_pass_through_node_of_its_element_type(string elementType)
    {
        var node = Node<PassThroughTaskNode>(Linear($"""<{elementType} id="call" name="Call the customer" />""", "call"), "call");

        Assert.Equal(elementType, node.ElementType);
        Assert.Equal(elementType, node.XmlElementType);
        Assert.Equal("Call the customer", node.Name);
    }
}
