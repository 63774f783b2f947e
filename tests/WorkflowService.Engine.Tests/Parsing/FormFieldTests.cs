using WorkflowService.Engine.Model;
using static WorkflowService.Engine.Tests.Parsing.BpmnFixture;

namespace WorkflowService.Engine.Tests.Parsing;

/// <summary>camunda:formData and camunda:formProperty become the form fields the inbox shows and validates.</summary>
public sealed class FormFieldTests
{
    private static string Task(string extensions) => Linear($"""
            <userTask id="fill" name="Fill in">
              <extensionElements>
        {extensions}
              </extensionElements>
            </userTask>
        """, "fill");

    private static FormField Field(string extensions, string id) =>
        Node<UserTaskNode>(Task(extensions), "fill").FormFields.Single(f => f.Id == id);

    [Fact]
    public void Form_fields_of_every_type_are_read_in_order()
    {
        var task = Node<UserTaskNode>(Task("""
            <camunda:formData>
              <camunda:formField id="customer" label="Customer" type="string" defaultValue="${customerName}" />
              <camunda:formField id="units" label="Units" type="long" defaultValue="1" />
              <camunda:formField id="underWarranty" label="Under warranty?" type="boolean" />
              <camunda:formField id="purchased" label="Purchased on" type="date" />
              <camunda:formField id="channel" label="Channel" type="enum" defaultValue="phone">
                <camunda:value id="phone" name="Phone" />
                <camunda:value id="email" name="E-mail" />
              </camunda:formField>
            </camunda:formData>
            """), "fill");

        Assert.Equal(["customer", "units", "underWarranty", "purchased", "channel"], task.FormFields.Select(f => f.Id));
        Assert.Equal(
            [FormFieldType.String, FormFieldType.Long, FormFieldType.Boolean, FormFieldType.Date, FormFieldType.Enum],
            task.FormFields.Select(f => f.Type));
        var customer = task.FormFields[0];
        Assert.Equal("Customer", customer.Label);
        Assert.Equal("${customerName}", customer.DefaultValue);
        var channel = task.FormFields[4];
        Assert.Equal("phone", channel.DefaultValue);
        Assert.Equal([new EnumOption("phone", "Phone"), new EnumOption("email", "E-mail")], channel.Options.ToArray());
    }

    [Fact]
    public void A_form_field_without_a_type_is_a_string_field()
    {
        var field = Field("""<camunda:formData><camunda:formField id="note" /></camunda:formData>""", "note");

        Assert.Equal(FormFieldType.String, field.Type);
        Assert.Null(field.Label);
    }

    [Fact]
    public void Validation_constraints_are_read()
    {
        const string extensions = """
            <camunda:formData>
              <camunda:formField id="serial" type="string">
                <camunda:validation>
                  <camunda:constraint name="required" />
                  <camunda:constraint name="minlength" config="5" />
                  <camunda:constraint name="maxlength" config="20" />
                </camunda:validation>
              </camunda:formField>
              <camunda:formField id="units" type="long">
                <camunda:validation>
                  <camunda:constraint name="min" config="1" />
                  <camunda:constraint name="max" config="99" />
                  <camunda:constraint name="readonly" />
                </camunda:validation>
              </camunda:formField>
              <camunda:formField id="purchased" type="date">
                <camunda:validation><camunda:constraint name="max" config="2030-01-01" /></camunda:validation>
              </camunda:formField>
            </camunda:formData>
            """;

        var serial = Field(extensions, "serial");
        Assert.True(serial.Required);
        Assert.False(serial.Readonly);
        Assert.Equal(5, serial.MinLength);
        Assert.Equal(20, serial.MaxLength);

        var units = Field(extensions, "units");
        Assert.Equal("1", units.Min);
        Assert.Equal("99", units.Max);
        Assert.True(units.Readonly);
        Assert.False(units.Required);

        Assert.Equal("2030-01-01", Field(extensions, "purchased").Max);
    }

    [Fact]
    public void The_older_form_property_syntax_is_read()
    {
        const string extensions = """
            <camunda:formProperty id="reason" name="Reason" type="string" required="true" default="none given" />
            <camunda:formProperty id="ticket" name="Ticket" type="long" writable="false" />
            <camunda:formProperty id="secret" type="string" readable="false" />
            <camunda:formProperty id="outcome" name="Outcome" type="enum">
              <camunda:value id="fixed" name="Fixed" />
              <camunda:value id="replaced" name="Replaced" />
            </camunda:formProperty>
            """;

        var reason = Field(extensions, "reason");
        Assert.Equal("Reason", reason.Label);
        Assert.True(reason.Required);
        Assert.False(reason.Readonly);
        Assert.Equal("none given", reason.DefaultValue);

        var ticket = Field(extensions, "ticket");
        Assert.Equal(FormFieldType.Long, ticket.Type);
        Assert.True(ticket.Readonly);
        Assert.False(ticket.Required);

        Assert.True(Field(extensions, "secret").Readonly);
        Assert.Equal(["fixed", "replaced"], Field(extensions, "outcome").Options.Select(o => o.Id));
    }

    [Fact]
    public void A_field_type_outside_the_five_is_refused_naming_the_field_and_the_task()
    {
        var xml = Task("""
            <camunda:formData>
              <camunda:formField id="price" label="Price" type="double" />
            </camunda:formData>
            """);

        var error = AssertRefused(xml, "fill", "userTask", "Form field 'price' of user task 'fill' has type 'double'",
            lineFragment: "id=\"price\"");
        Assert.Contains("use string, long, boolean, date or enum", error.Message);
    }

    [Fact]
    public void An_enum_field_without_values_is_refused()
    {
        var xml = Task("""<camunda:formData><camunda:formField id="channel" type="enum" /></camunda:formData>""");

        AssertRefused(xml, "fill", "userTask", "Enum form field 'channel' of user task 'fill' has no values; add camunda:value",
            lineFragment: "id=\"channel\"");
    }

    [Fact]
    public void Two_fields_with_the_same_id_are_refused()
    {
        var xml = Task("""
            <camunda:formData>
              <camunda:formField id="serial" type="string" />
              <camunda:formField id="serial" type="long" label="again" />
            </camunda:formData>
            """);

        AssertRefused(xml, "fill", "userTask", "Form field 'serial' of user task 'fill' is declared twice",
            lineFragment: "label=\"again\"");
    }

    [Fact]
    public void A_field_declared_in_form_data_and_as_a_form_property_counts_as_a_duplicate()
    {
        var xml = Task("""
            <camunda:formData><camunda:formField id="serial" /></camunda:formData>
            <camunda:formProperty id="serial" />
            """);

        AssertRefused(xml, "fill", "userTask", "is declared twice", lineFragment: "<camunda:formProperty id=\"serial\"");
    }

    [Fact]
    public void A_custom_validator_constraint_is_refused()
    {
        var xml = Task("""
            <camunda:formData>
              <camunda:formField id="serial">
                <camunda:validation><camunda:constraint name="validator" config="com.acme.SerialValidator" /></camunda:validation>
              </camunda:formField>
            </camunda:formData>
            """);

        AssertRefused(xml, "fill", "userTask", "unsupported constraint 'validator'; use required, readonly, min, max, minlength or maxlength",
            lineFragment: "name=\"validator\"");
    }

    [Fact]
    public void A_min_constraint_on_a_text_field_is_refused()
    {
        var xml = Task("""
            <camunda:formData>
              <camunda:formField id="serial"><camunda:validation><camunda:constraint name="min" config="3" /></camunda:validation></camunda:formField>
            </camunda:formData>
            """);

        AssertRefused(xml, "fill", "userTask", "only applies to long and date fields; use minlength/maxlength",
            lineFragment: "name=\"min\"");
    }

    [Fact]
    public void A_length_constraint_that_is_not_a_number_is_refused()
    {
        var xml = Task("""
            <camunda:formData>
              <camunda:formField id="serial"><camunda:validation><camunda:constraint name="maxlength" config="ten" /></camunda:validation></camunda:formField>
            </camunda:formData>
            """);

        AssertRefused(xml, "fill", "userTask", "needs a non-negative whole number as config, not 'ten'", lineFragment: "name=\"maxlength\"");
    }

    [Fact]
    public void A_person_field_names_its_group_and_must_be_a_string_field()
    {
        var person = Field("""
            <camunda:formData><camunda:formField id="engineer" type="string">
              <camunda:properties><camunda:property id="memberOf" value=" engineers " /></camunda:properties>
            </camunda:formField></camunda:formData>
            """, "engineer");
        Assert.Equal("engineers", person.MemberOf);

        AssertRefused(Task("""
            <camunda:formData><camunda:formField id="engineer" type="long">
              <camunda:properties><camunda:property id="memberOf" value="engineers" /></camunda:properties>
            </camunda:formField></camunda:formData>
            """), "fill", "userTask", "use type string", lineFragment: "type=\"long\"");
    }
}
