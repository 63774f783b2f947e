using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WorkflowService.Browser.Tests.Support;
using WorkflowService.Runtime.Definitions;
using WorkflowService.Runtime.Tasks;
using WorkflowService.Testing;
using WorkflowService.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowService.Browser.Tests.Pages;

/// <summary>
/// A warning before an SLA breach (warnAt) reaches the engineer holding the task live, on whatever page is open,
/// in the page's language, with a link to the task; a colleague of the same group sees nothing of it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SlaWarningBrowserTests(BrowserFixture browser)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 25_000 };

    private static string Process(string key) => TestBpmn.Process(key, $"""
        <bpmn:startEvent id="start" />
        <bpmn:userTask id="repairDevice" name="Repair" camunda:candidateGroups="engineers" />
        <bpmn:boundaryEvent id="late" cancelActivity="false" attachedToRef="repairDevice">
          <bpmn:extensionElements><camunda:properties>
            <camunda:property name="sla" value="repair-turnaround" /><camunda:property name="warnAt" value="20%" />
          </camunda:properties></bpmn:extensionElements>
          <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT20S</bpmn:timeDuration></bpmn:timerEventDefinition>
        </bpmn:boundaryEvent>
        <bpmn:endEvent id="noted" /><bpmn:endEvent id="done" />
        {TestBpmn.Flows("start", "repairDevice", "done")}{TestBpmn.Flows("late", "noted")}
        """);

    [SkippableFact]
    public async Task The_engineer_holding_the_task_is_warned_live_in_chinese_and_a_colleague_is_not()
    {
        Skip.If(BrowserFixture.MissingBrowser() is not null, BrowserFixture.MissingBrowser());
        var host = browser.Host;
        await host.Services.GetRequiredService<DefinitionService>().DeployAsync(Process("sla-warning-live"), "test");
        await host.CreateUserAsync("engineer2", "engineer", "engineers");
        var engineer = await browser.SignInAsync("engineer", locale: "zh-CN");
        await engineer.GotoAsync("/inbox");
        await engineer.WaitForSelectorAsync("body[data-live=connected]");
        var colleague = await browser.SignInAsync("engineer2");
        await colleague.GotoAsync("/inbox");
        await colleague.WaitForSelectorAsync("body[data-live=connected]");

        var id = await host.StartAsync("sla-warning-live", "WARN-LIVE");
        var taskId = await host.OpenTaskAsync(id, "repairDevice");
        var me = new Caller("engineer", new HashSet<string> { "engineers" }, IsAdmin: false);
        await host.Services.GetRequiredService<TaskService>().ClaimAsync(me, taskId);

        var notice = engineer.Locator("[data-testid=sla-warning]");
        await Expect(notice).ToBeVisibleAsync(Soon);
        await Expect(notice.Locator("a")).ToHaveTextAsync("服务时限提醒: 一项任务即将超时");
        await Expect(notice.Locator("a")).ToHaveAttributeAsync("href", $"/tasks/{taskId}");
        Assert.Equal(0, await colleague.Locator("[data-testid=sla-warning]").CountAsync());
        await engineer.Context.CloseAsync();
        await colleague.Context.CloseAsync();
    }
}
