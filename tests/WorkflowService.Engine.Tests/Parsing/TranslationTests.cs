using WorkflowService.Engine.Model;
using static WorkflowService.Engine.Tests.Parsing.BpmnFixture;

namespace WorkflowService.Engine.Tests.Parsing;

/// <summary>
/// A process names things in its own language and carries the other language as extension properties
/// (<see cref="Translations"/>): a reader sees the text of their language, else what the file wrote.
/// </summary>
public sealed class TranslationTests
{
    private static readonly string Bilingual = Process("""
            <extensionElements>
              <camunda:properties><camunda:property name="name:en" value="Repair" /></camunda:properties>
            </extensionElements>
            <startEvent id="s" name="收到报修" />
            <sequenceFlow id="f1" sourceRef="s" targetRef="register" name="登记">
              <extensionElements>
                <camunda:properties><camunda:property name="name:en" value="register" /></camunda:properties>
              </extensionElements>
            </sequenceFlow>
            <userTask id="register" name="接待登记">
              <extensionElements>
                <camunda:properties>
                  <camunda:property name="name:en" value="Register the request" />
                  <camunda:property name="sla" value="acceptance-24h" />
                </camunda:properties>
                <camunda:formData>
                  <camunda:formField id="location" label="维修地点" type="enum">
                    <camunda:properties>
                      <camunda:property id="label:en" value="Where to repair" />
                      <camunda:property id="value:onSite:en" value="On site" />
                    </camunda:properties>
                    <camunda:value id="onSite" name="现场" />
                    <camunda:value id="workshop" name="车间" />
                  </camunda:formField>
                  <camunda:formField id="fault" label="故障" />
                </camunda:formData>
              </extensionElements>
            </userTask>
            <sequenceFlow id="f2" sourceRef="register" targetRef="e" />
            <endEvent id="e" />
        """);

    [Fact]
    public void An_english_reader_sees_the_english_names_of_the_process_its_elements_and_flows()
    {
        var model = Parsed(Bilingual);

        Assert.Equal("Repair", model.NameIn("en"));
        Assert.Equal("Register the request", model.Node("register").NameIn("en-US"));
        Assert.Equal("register", model.Flow("f1").NameIn("en"));
    }

    [Fact]
    public void A_chinese_reader_sees_the_names_as_written_and_so_does_a_language_without_a_translation()
    {
        var model = Parsed(Bilingual);

        Assert.Equal("接待登记", model.Node("register").NameIn("zh-CN"));
        Assert.Equal("接待登记", model.Node("register").NameIn("fr"));
        Assert.Equal("接待登记", model.Node("register").NameIn(null));
        Assert.Equal("收到报修", model.Node("s").NameIn("en"));
        Assert.Equal("Test process", Parsed(Linear("<userTask id=\"t\" />", "t")).NameIn("en"));
    }

    [Fact]
    public void A_form_field_shows_its_label_and_values_in_the_readers_language_falling_back_per_value()
    {
        var fields = Node<UserTaskNode>(Bilingual, "register").FormFields;

        var english = fields[0].In("en");
        Assert.Equal("Where to repair", english.Label);
        Assert.Equal([new EnumOption("onSite", "On site"), new EnumOption("workshop", "车间")], english.Options.ToArray());
        Assert.Equal("维修地点", fields[0].In("zh-CN").Label);
        Assert.Equal("故障", fields[1].In("en").Label);
        Assert.Equal("location", english.Id);
        Assert.Equal(FormFieldType.Enum, english.Type);
    }

    [Fact]
    public void Translations_are_properties_like_any_other_and_leave_the_rest_alone()
    {
        var register = Parsed(Bilingual).Node("register");

        Assert.Equal("acceptance-24h", register.Properties["sla"]);
        Assert.Equal("Register the request", register.Properties["name:en"]);
    }

    [Theory]
    [InlineData("zh-CN", "中文")]
    [InlineData("zh-cn", "中文")]
    [InlineData("zh-Hans-CN", "汉")]
    [InlineData("zh-TW", "通用")]
    [InlineData("en", "written")]
    public void A_language_is_looked_up_exactly_then_by_its_parent_without_case(string language, string expected)
    {
        var properties = new Dictionary<string, string>
        {
            ["name:zh-CN"] = "中文", ["name:zh-Hans"] = "汉", ["name:zh"] = "通用", ["name:en"] = "",
        };

        Assert.Equal(expected, Translations.Pick(properties, Translations.Name, "written", language));
    }

    [Fact]
    public void A_diagram_for_an_english_reader_carries_the_english_names_and_one_for_a_chinese_reader_is_the_file_itself()
    {
        var parser = new WorkflowService.Engine.Parsing.BpmnParser();

        var english = parser.TranslateNames(Bilingual, "en");
        var translated = Parsed(english);

        Assert.Equal("Register the request", translated.Node("register").Name);
        Assert.Equal("register", translated.Flow("f1").Name);
        Assert.Equal("Repair", translated.Name);
        Assert.Equal("收到报修", translated.Node("s").Name); // no English name: as written
        Assert.Same(Bilingual, parser.TranslateNames(Bilingual, "zh-CN"));
        Assert.Same(Bilingual, parser.TranslateNames(Bilingual, null));
    }

    [Fact]
    public void A_diagram_that_does_not_load_is_shown_as_it_is()
    {
        const string broken = "<definitions><process name:en=";

        Assert.Same(broken, new WorkflowService.Engine.Parsing.BpmnParser().TranslateNames(broken, "en"));
    }
}
