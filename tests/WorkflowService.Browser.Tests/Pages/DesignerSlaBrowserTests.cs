using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WorkflowService.Browser.Tests.Support;
using WorkflowService.Runtime.Calendars;

namespace WorkflowService.Browser.Tests.Pages;

/// <summary>
/// The designer's "SLA / working time" group (issue 12): a timer's business calendar chosen from the stored calendars
/// with a preview of the due time counted in it, the warning marks of an SLA timer, and the SLA pause of a waiting step,
/// each written as a camunda:property beside the element's others.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DesignerSlaBrowserTests(BrowserFixture browser)
{
    private const string Group = "[data-group-id=group-WorkflowService__Sla]";
    private const string CalendarSelect = "#bio-properties-panel-sla-calendar";
    private const string Preview = "[data-testid=sla-preview]";
    private const string WarnAt = "#bio-properties-panel-sla-warnAt";

    [SkippableFact]
    public async Task An_owner_counts_the_complaint_deadline_in_the_default_calendar_sees_when_it_would_fall_due_and_saves_it()
    {
        Skip.If(BrowserFixture.MissingBrowser() is not null, BrowserFixture.MissingBrowser());
        var page = await browser.SignInAsync("owner");
        await page.GotoAsync("/designer/complaint");
        await OpenedAsync(page);
        await page.ClickAsync("g.djs-element[data-element-id=complaintEscalationTimer]");
        await OpenGroupAsync(page);
        await Assertions.Expect(page.Locator($"{Group} .bio-properties-panel-group-header-title")).ToHaveTextAsync("SLA / working time");
        await Assertions.Expect(page.Locator($"label[for={CalendarSelect[1..]}]")).ToHaveTextAsync("Calendar");
        // The calendars come from the store: the shipped one is offered beside real time.
        await Assertions.Expect(page.Locator($"{CalendarSelect} option[value=default]")).ToHaveCountAsync(1);
        var duration = await page.InputValueAsync("#bio-properties-panel-timerEventDefinitionValue");
        Assert.Matches("^P", duration);
        // Real time first, in case the shipped file already names a calendar: choosing `default` is then a change too.
        await page.SelectOptionAsync(CalendarSelect, "");
        var before = DueNow(duration);

        await page.SelectOptionAsync(CalendarSelect, "default");

        var preview = page.Locator(Preview);
        await Assertions.Expect(preview).ToContainTextAsync("Due if started now: ");
        var shown = (await preview.TextContentAsync())!;
        var after = DueNow(duration);
        Assert.Contains(shown, new[] { $"Due if started now: {before} (calendar default)", $"Due if started now: {after} (calendar default)" });
        await BrowserFixture.ScreenshotAsync(page, "designer-sla");

        await page.Locator("[data-testid=dirty]").WaitForAsync();
        await page.ClickAsync("[data-action=save-draft]");
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("Draft saved.");
        // What the server stored, opened again: the property is beside the timer's others.
        await page.ReloadAsync();
        await OpenedAsync(page);
        var xml = await DiagramXmlAsync(page);
        var timer = Regex.Match(xml, """<bpmn:boundaryEvent id="complaintEscalationTimer".*?</bpmn:boundaryEvent>""", RegexOptions.Singleline).Value;
        Assert.Matches(Property("calendar", "default"), timer);
        Assert.Matches(Property("sla", "complaint-escalation"), timer);
        Assert.Single(Regex.Matches(timer, "<camunda:properties>"));
        await page.ClickAsync("g.djs-element[data-element-id=complaintEscalationTimer]");
        await OpenGroupAsync(page);
        await Assertions.Expect(page.Locator(CalendarSelect)).ToHaveValueAsync("default");
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task A_chinese_speaking_owner_is_told_why_warning_marks_are_refused_and_marks_a_wait_for_the_customer_as_pausing_the_sla()
    {
        Skip.If(BrowserFixture.MissingBrowser() is not null, BrowserFixture.MissingBrowser());
        var page = await browser.SignInAsync("owner", locale: "zh-CN");
        await UploadAsync(page, "sla-pause-warn");
        await page.ClickAsync("g.djs-element[data-element-id=acceptTimer]");
        await OpenGroupAsync(page);
        await Assertions.Expect(page.Locator($"{Group} .bio-properties-panel-group-header-title")).ToHaveTextAsync("服务时限 / 工作时间");
        // Real time: the first choice, and no preview (there is no calendar to count in).
        await Assertions.Expect(page.Locator(CalendarSelect)).ToHaveValueAsync("");
        await Assertions.Expect(page.Locator($"{CalendarSelect} option[value='']")).ToHaveTextAsync("自然时间（不用日历）");
        await Assertions.Expect(page.Locator(Preview)).ToHaveCountAsync(0);

        await page.FillAsync(WarnAt, "75%,50%");
        await Assertions.Expect(page.Locator($"[data-entry-id=sla-warnAt] .bio-properties-panel-error")).ToHaveTextAsync("提醒点须从小到大排列，每个都大于前一个。");
        await page.FillAsync(WarnAt, "50%,75%");
        await Assertions.Expect(page.Locator($"[data-entry-id=sla-warnAt] .bio-properties-panel-error")).ToHaveCountAsync(0);
        var xml = await WaitForXmlAsync(page, "warnAt", present: true);
        Assert.Matches(new Regex($@"{Property("sla", "accept-4h")}\s*{Property("warnAt", "50%,75%")}"), xml);
        Assert.DoesNotContain("75%,50%", xml, StringComparison.Ordinal);

        // A duration the calendar cannot count: the server's reason, in Chinese, where the preview would be.
        await page.SelectOptionAsync(CalendarSelect, "default");
        await Assertions.Expect(page.Locator(Preview)).ToContainTextAsync("若现在开始，到期时间：");
        await OpenGroupAsync(page, "[data-group-id=group-timer]");
        await page.FillAsync("#bio-properties-panel-timerEventDefinitionValue", "P1Y");
        await Assertions.Expect(page.Locator(Preview)).ToHaveTextAsync("无法计算：'P1Y' 含年或月，日历 'default' 无法按工作时间计算：请改用工作日（例如 P20D）");

        // The wait for the customer stops the SLA clock; unticked, the property is gone again.
        await page.ClickAsync("g.djs-element[data-element-id=waitForCustomer]");
        await OpenGroupAsync(page);
        await Assertions.Expect(page.Locator("label[for=bio-properties-panel-sla-pause]")).ToHaveTextAsync("在此等待时暂停服务时限计时");
        await Assertions.Expect(page.Locator(CalendarSelect)).ToHaveCountAsync(0);
        await page.CheckAsync("#bio-properties-panel-sla-pause");
        xml = await WaitForXmlAsync(page, "slaPause", present: true);
        Assert.Matches(new Regex($@"<bpmn:intermediateCatchEvent id=""waitForCustomer"" name=""等待客户"">\s*<bpmn:extensionElements>\s*<camunda:properties>\s*{Property("name:en", "Wait for the customer")}\s*{Property("slaPause", "true")}"), xml);
        // A click, not UncheckAsync: the panel's checkbox shows its new state only after its next render, and
        // Playwright checks the state at once.
        await page.ClickAsync("#bio-properties-panel-sla-pause");
        await Assertions.Expect(page.Locator("#bio-properties-panel-sla-pause")).Not.ToBeCheckedAsync();
        xml = await WaitForXmlAsync(page, "slaPause", present: false);
        Assert.Matches(Property("name:en", "Wait for the customer"), xml);
        await page.Context.CloseAsync();
    }

    /// <summary>The preview's text of a due time counted now in <c>default</c>, as the server counts it.</summary>
    private string DueNow(string duration)
    {
        var store = browser.Host.Services.GetRequiredService<CalendarStore>();
        var due = DuePreview.Compute(store.Require("default"), DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture), duration);
        return string.Create(CultureInfo.InvariantCulture, $"{due:yyyy-MM-dd} ({due:ddd}) {due:HH:mm} UTC{due:zzz}");
    }

    private static Regex Property(string name, string value) =>
        new($"""<camunda:property name="{Regex.Escape(name)}" value="{Regex.Escape(value)}" />""");

    private static Task OpenedAsync(IPage page) => page.Locator("[data-testid=designer][data-ready=true]").WaitForAsync();

    /// <summary>Opens the group (ours by default; it starts closed) unless it is open already.</summary>
    private static async Task OpenGroupAsync(IPage page, string group = Group)
    {
        var header = page.Locator($"{group} .bio-properties-panel-group-header");
        await header.WaitForAsync();
        if (!await page.Locator($"{group} .bio-properties-panel-group-entries.open").IsVisibleAsync()) await header.ClickAsync();
        await page.Locator($"{group} .bio-properties-panel-group-entries.open").WaitForAsync();
    }

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

    private static async Task UploadAsync(IPage page, string key)
    {
        await page.GotoAsync("/designer");
        await page.SetInputFilesAsync("[data-testid=upload-file]", new FilePayload
        {
            Name = $"{key}.bpmn", MimeType = "application/xml", Buffer = Encoding.UTF8.GetBytes(Diagram.Replace("PROCESS_ID", key, StringComparison.Ordinal)),
        });
        await page.ClickAsync("[data-testid=upload-submit]");
        await page.WaitForURLAsync($"**/designer/{key}?uploaded=1");
        await OpenedAsync(page);
    }

    /// <summary>A request accepted within 4 working hours (an SLA timer without a calendar yet), then a wait for the customer.</summary>
    private const string Diagram = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="slaDefinitions" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:message id="customerAnswered" name="customerAnswered" />
          <bpmn:process id="PROCESS_ID" name="报修" isExecutable="true">
            <bpmn:startEvent id="requested" name="收到请求">
              <bpmn:outgoing>toAccept</bpmn:outgoing>
            </bpmn:startEvent>
            <bpmn:sequenceFlow id="toAccept" sourceRef="requested" targetRef="accept" />
            <bpmn:userTask id="accept" name="受理" camunda:candidateGroups="service-desk">
              <bpmn:incoming>toAccept</bpmn:incoming>
              <bpmn:outgoing>toWait</bpmn:outgoing>
            </bpmn:userTask>
            <bpmn:boundaryEvent id="acceptTimer" name="4小时未受理" cancelActivity="false" attachedToRef="accept">
              <bpmn:extensionElements>
                <camunda:properties>
                  <camunda:property name="sla" value="accept-4h" />
                </camunda:properties>
              </bpmn:extensionElements>
              <bpmn:timerEventDefinition id="acceptTimerDefinition">
                <bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT4H</bpmn:timeDuration>
              </bpmn:timerEventDefinition>
            </bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="toWait" sourceRef="accept" targetRef="waitForCustomer" />
            <bpmn:intermediateCatchEvent id="waitForCustomer" name="等待客户">
              <bpmn:extensionElements>
                <camunda:properties>
                  <camunda:property name="name:en" value="Wait for the customer" />
                </camunda:properties>
              </bpmn:extensionElements>
              <bpmn:incoming>toWait</bpmn:incoming>
              <bpmn:outgoing>toDone</bpmn:outgoing>
              <bpmn:messageEventDefinition id="customerAnsweredDefinition" messageRef="customerAnswered" />
            </bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="toDone" sourceRef="waitForCustomer" targetRef="done" />
            <bpmn:endEvent id="done" name="完成">
              <bpmn:incoming>toDone</bpmn:incoming>
            </bpmn:endEvent>
          </bpmn:process>
          <bpmndi:BPMNDiagram id="slaDiagram">
            <bpmndi:BPMNPlane id="slaPlane" bpmnElement="PROCESS_ID">
              <bpmndi:BPMNShape id="requested_di" bpmnElement="requested">
                <dc:Bounds x="152" y="102" width="36" height="36" />
              </bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="accept_di" bpmnElement="accept">
                <dc:Bounds x="240" y="80" width="100" height="80" />
              </bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="acceptTimer_di" bpmnElement="acceptTimer">
                <dc:Bounds x="302" y="142" width="36" height="36" />
              </bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="waitForCustomer_di" bpmnElement="waitForCustomer">
                <dc:Bounds x="432" y="102" width="36" height="36" />
              </bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="done_di" bpmnElement="done">
                <dc:Bounds x="562" y="102" width="36" height="36" />
              </bpmndi:BPMNShape>
              <bpmndi:BPMNEdge id="toAccept_di" bpmnElement="toAccept">
                <di:waypoint x="188" y="120" />
                <di:waypoint x="240" y="120" />
              </bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="toWait_di" bpmnElement="toWait">
                <di:waypoint x="340" y="120" />
                <di:waypoint x="400" y="120" />
              </bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="toDone_di" bpmnElement="toDone">
                <di:waypoint x="500" y="120" />
                <di:waypoint x="562" y="120" />
              </bpmndi:BPMNEdge>
            </bpmndi:BPMNPlane>
          </bpmndi:BPMNDiagram>
        </bpmn:definitions>
        """;
}
