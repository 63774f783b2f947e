using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WorkflowService.Browser.Tests.Support;

namespace WorkflowService.Browser.Tests.Pages;

/// <summary>
/// The designer edits a name and a form label in both languages (issue 11): the properties panel writes them as the
/// camunda:property beside the text (<c>name:en</c> on the element, <c>label:en</c> in the form field's properties).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DesignerTranslationsBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task An_english_name_typed_in_the_panel_is_saved_as_the_tasks_name_en_property_beside_its_other_properties()
    {
        var page = await OwnerWithUploadedAsync("translated-names", "en-US");
        await page.ClickAsync("g.djs-element[data-element-id=registerRequest]");
        await Assertions.Expect(page.Locator("label[for=bio-properties-panel-name-en]")).ToHaveTextAsync("English name");

        await page.FillAsync("#bio-properties-panel-name-en", "Register request");
        await page.Locator("[data-testid=dirty]").WaitForAsync();
        await page.ClickAsync("[data-action=save-draft]");
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("Draft saved.");

        // What the server stored, opened again: the property is there and nothing else was lost.
        await page.ReloadAsync();
        await page.Locator("[data-testid=designer][data-ready=true]").WaitForAsync();
        var xml = await DiagramXmlAsync(page);
        // Added to the task's own camunda:properties, after the property that was there.
        Assert.Matches(new Regex($@"{Property("name", "sla", "register-4h")}\s*{Property("name", "name:en", "Register request")}"), xml);
        Assert.Equal(2, Regex.Count(xml, "<camunda:properties>")); // the task's and its form field's
        Assert.Matches(Property("id", "label:zh-CN", "客户"), xml);
        Assert.Contains("name=\"登记请求\"", xml, StringComparison.Ordinal);
        await page.ClickAsync("g.djs-element[data-element-id=registerRequest]");
        await Assertions.Expect(page.Locator("#bio-properties-panel-name-en")).ToHaveValueAsync("Register request");

        // Emptied, the entry takes its property away again (and only it).
        await page.FillAsync("#bio-properties-panel-name-en", "");
        await Assertions.Expect(page.Locator("#bio-properties-panel-name-en")).ToHaveValueAsync("");
        await WaitForXmlAsync(page, "name:en", present: false);
        Assert.Matches(Property("name", "sla", "register-4h"), await DiagramXmlAsync(page));

        // The process itself (no pool): the panel of the empty canvas.
        await page.ClickAsync("#designer-canvas", new PageClickOptions { Position = new Position { X = 600, Y = 400 } });
        await page.FillAsync("#bio-properties-panel-name-en", "Repair");
        var withProcessName = await WaitForXmlAsync(page, "name:en", present: true);
        Assert.Matches(new Regex($@"<bpmn:process id=""translated-names"" name=""报修"" isExecutable=""true"">\s*<bpmn:extensionElements>\s*<camunda:properties>\s*{Property("name", "name:en", "Repair")}"), withProcessName);
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task A_chinese_speaking_owner_gives_a_form_field_its_english_label_and_an_enum_value_its_english_name_in_the_fields_properties()
    {
        var page = await OwnerWithUploadedAsync("translated-labels", "zh-CN");
        await page.ClickAsync("g.djs-element[data-element-id=registerRequest]");
        await Assertions.Expect(page.Locator("label[for=bio-properties-panel-name-zh-CN]")).ToHaveTextAsync("中文名称");
        await page.ClickAsync("[data-group-id=group-CamundaPlatform__FormData] .bio-properties-panel-group-header");
        await page.ClickAsync("[data-entry-id=registerRequest-formField-0] .bio-properties-panel-collapsible-entry-header");
        const string entry = "#bio-properties-panel-registerRequest-formField-0-formFieldLabel-en";
        await Assertions.Expect(page.Locator($"label[for={entry[1..]}]")).ToHaveTextAsync("英文标签");
        await Assertions.Expect(page.Locator(entry.Replace("-en", "-zh-CN", StringComparison.Ordinal))).ToHaveValueAsync("客户");

        await page.FillAsync(entry, "Customer");

        var xml = await WaitForXmlAsync(page, "label:en", present: true);
        Assert.Matches(Property("id", "label:en", "Customer"), xml);
        Assert.Matches(Property("id", "label:zh-CN", "客户"), xml);
        Assert.Contains("<camunda:constraint name=\"required\" />", xml, StringComparison.Ordinal);
        Assert.DoesNotMatch(Property("name", "label:en", "Customer"), xml);

        // One undo takes the whole change back: the properties and the label's entry as they were.
        await page.EvaluateAsync("() => window.WorkflowDesigner.current.get('commandStack').undo()");
        xml = await WaitForXmlAsync(page, "label:en", present: false);
        Assert.Matches(Property("id", "label:zh-CN", "客户"), xml);
        await Assertions.Expect(page.Locator(entry)).ToHaveValueAsync("");

        await page.ClickAsync("[data-entry-id=registerRequest-formField-1] .bio-properties-panel-collapsible-entry-header");
        const string valueEntry = "#bio-properties-panel-registerRequest-formField-1-value-0-en";
        await Assertions.Expect(page.Locator($"label[for={valueEntry[1..]}]")).ToHaveTextAsync("值 onSite 的英文名称");
        await page.FillAsync(valueEntry, "On site");
        xml = await WaitForXmlAsync(page, "value:onSite:en", present: true);
        Assert.Matches(new Regex($@"<camunda:formField id=""visit"" label=""上门方式"" type=""enum"">\s*<camunda:properties>\s*{Property("id", "value:onSite:en", "On site")}\s*</camunda:properties>\s*<camunda:value id=""onSite"" name=""上门"" />"), xml);
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task A_pool_and_the_process_it_holds_each_get_their_english_name_and_a_flow_its_chinese_one()
    {
        var page = await OwnerWithUploadedAsync("translated-pool", "en-US", PooledDiagram);
        await page.ClickAsync("g.djs-element[data-element-id=pool]", new PageClickOptions { Position = new Position { X = 15, Y = 80 } });
        await Assertions.Expect(page.Locator("label[for=bio-properties-panel-processName-en]")).ToHaveTextAsync("Process English name");

        await page.FillAsync("#bio-properties-panel-name-en", "After-sales");
        await page.FillAsync("#bio-properties-panel-processName-en", "Repair");
        await WaitForXmlAsync(page, "value=\"Repair\"", present: true);
        // A straight flow has no height, so Playwright never finds it visible to click: selected as a click would.
        await page.EvaluateAsync("""
            () => { const modeler = window.WorkflowDesigner.current;
                    modeler.get('selection').select(modeler.get('elementRegistry').get('toDone')); }
            """);
        await page.FillAsync("#bio-properties-panel-name-zh-CN", "完成");

        var xml = await WaitForXmlAsync(page, "name:zh-CN", present: true);
        Assert.Matches(new Regex($@"<bpmn:participant id=""pool"" name=""售后"" processRef=""translated-pool"">\s*<bpmn:extensionElements>\s*<camunda:properties>\s*{Property("name", "name:en", "After-sales")}"), xml);
        Assert.Matches(new Regex($@"<bpmn:process id=""translated-pool"" name=""报修"" isExecutable=""true"">\s*<bpmn:extensionElements>\s*<camunda:properties>\s*{Property("name", "name:en", "Repair")}"), xml);
        Assert.Matches(new Regex($@"<bpmn:sequenceFlow id=""toDone"" name=""好"" sourceRef=""registerRequest"" targetRef=""done"">\s*<bpmn:extensionElements>\s*<camunda:properties>\s*{Property("name", "name:zh-CN", "完成")}"), xml);
        await page.Context.CloseAsync();
    }

    private static Regex Property(string keyAttribute, string key, string value) =>
        new($"""<camunda:property {keyAttribute}="{Regex.Escape(key)}" value="{Regex.Escape(value)}" />""");

    /// <summary>The diagram as the modeler would save it (the page exposes its modeler for tests).</summary>
    private static Task<string> DiagramXmlAsync(IPage page) =>
        page.EvaluateAsync<string>("async () => (await window.WorkflowDesigner.current.saveXML({ format: true })).xml");

    /// <summary>The entries debounce their input: polls until the XML has (or no longer has) <paramref name="text"/>.</summary>
    private static async Task<string> WaitForXmlAsync(IPage page, string text, bool present)
    {
        for (var attempt = 0; ; attempt++)
        {
            var xml = await DiagramXmlAsync(page);
            if (xml.Contains(text, StringComparison.Ordinal) == present) return xml;
            if (attempt == 50) Assert.Fail($"After 5 s the diagram still {(present ? "lacks" : "has")} {text}:\n{xml}");
            await Task.Delay(100);
        }
    }

    /// <summary>The process owner in <paramref name="locale"/> with <paramref name="diagram"/> uploaded as <paramref name="key"/> and opened.</summary>
    private async Task<IPage> OwnerWithUploadedAsync(string key, string locale, string diagram = Diagram)
    {
        Skip.If(BrowserFixture.MissingBrowser() is not null, BrowserFixture.MissingBrowser());
        var page = await browser.SignInAsync("owner", locale: locale);
        await page.GotoAsync("/designer");
        await page.SetInputFilesAsync("[data-testid=upload-file]", new FilePayload
        {
            Name = $"{key}.bpmn", MimeType = "application/xml", Buffer = Encoding.UTF8.GetBytes(diagram.Replace("PROCESS_ID", key, StringComparison.Ordinal)),
        });
        await page.ClickAsync("[data-testid=upload-submit]");
        await page.WaitForURLAsync($"**/designer/{key}?uploaded=1");
        await page.Locator("[data-testid=designer][data-ready=true]").WaitForAsync();
        return page;
    }

    /// <summary>
    /// A process written in Chinese: its user task has an SLA property, a required form field whose label has a
    /// Chinese translation already (neither is to be lost when a translation is added) and an enum field.
    /// </summary>
    private const string Diagram = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="translatedDefinitions" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="PROCESS_ID" name="报修" isExecutable="true">
            <bpmn:startEvent id="requested" name="收到请求">
              <bpmn:outgoing>toRegister</bpmn:outgoing>
            </bpmn:startEvent>
            <bpmn:sequenceFlow id="toRegister" sourceRef="requested" targetRef="registerRequest" />
            <bpmn:userTask id="registerRequest" name="登记请求" camunda:candidateGroups="service-desk">
              <bpmn:extensionElements>
                <camunda:formData>
                  <camunda:formField id="customer" label="客户" type="string">
                    <camunda:properties>
                      <camunda:property id="label:zh-CN" value="客户" />
                    </camunda:properties>
                    <camunda:validation>
                      <camunda:constraint name="required" />
                    </camunda:validation>
                  </camunda:formField>
                  <camunda:formField id="visit" label="上门方式" type="enum">
                    <camunda:value id="onSite" name="上门" />
                  </camunda:formField>
                </camunda:formData>
                <camunda:properties>
                  <camunda:property name="sla" value="register-4h" />
                </camunda:properties>
              </bpmn:extensionElements>
              <bpmn:incoming>toRegister</bpmn:incoming>
              <bpmn:outgoing>toDone</bpmn:outgoing>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="toDone" sourceRef="registerRequest" targetRef="done" />
            <bpmn:endEvent id="done" name="已登记">
              <bpmn:incoming>toDone</bpmn:incoming>
            </bpmn:endEvent>
          </bpmn:process>
          <bpmndi:BPMNDiagram id="translatedDiagram">
            <bpmndi:BPMNPlane id="translatedPlane" bpmnElement="PROCESS_ID">
              <bpmndi:BPMNShape id="requested_di" bpmnElement="requested">
                <dc:Bounds x="152" y="102" width="36" height="36" />
              </bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="registerRequest_di" bpmnElement="registerRequest">
                <dc:Bounds x="240" y="80" width="100" height="80" />
              </bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="done_di" bpmnElement="done">
                <dc:Bounds x="392" y="102" width="36" height="36" />
              </bpmndi:BPMNShape>
              <bpmndi:BPMNEdge id="toRegister_di" bpmnElement="toRegister">
                <di:waypoint x="188" y="120" />
                <di:waypoint x="240" y="120" />
              </bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="toDone_di" bpmnElement="toDone">
                <di:waypoint x="340" y="120" />
                <di:waypoint x="392" y="120" />
              </bpmndi:BPMNEdge>
            </bpmndi:BPMNPlane>
          </bpmndi:BPMNDiagram>
        </bpmn:definitions>
        """;

    /// <summary><see cref="Diagram"/> in a pool named 售后, its last flow named 好.</summary>
    private static readonly string PooledDiagram = Diagram
        .Replace("<bpmn:process id=", """
            <bpmn:collaboration id="collaboration">
                <bpmn:participant id="pool" name="售后" processRef="PROCESS_ID" />
              </bpmn:collaboration>
              <bpmn:process id=
            """, StringComparison.Ordinal)
        .Replace("""<bpmn:sequenceFlow id="toDone" sourceRef""", """<bpmn:sequenceFlow id="toDone" name="好" sourceRef""", StringComparison.Ordinal)
        .Replace("""bpmnElement="PROCESS_ID">""", """
            bpmnElement="collaboration">
                  <bpmndi:BPMNShape id="pool_di" bpmnElement="pool" isHorizontal="true">
                    <dc:Bounds x="100" y="40" width="400" height="160" />
                  </bpmndi:BPMNShape>
            """, StringComparison.Ordinal);
}
