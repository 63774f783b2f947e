using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using WorkflowService.AfterSales.Reports.Ledger;
using WorkflowService.Runtime.Tasks;
using WorkflowService.Testing;
using WorkflowService.Web.Tests.Records;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Reports;

/// <summary>
/// The engineers' ledger on the real service: an engineer's jobs, valid jobs, subsidy, late slips and fines, and an
/// agent's calls answered and missed, counted per quarter of the department's days; the quarter read from the query;
/// only managers and admins read it; the workbook has a sheet per group under Chinese headers for a zh-CN reader.
/// </summary>
public sealed class EngineersLedgerTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>A late slip the way the repair process records it: a repair-slip-2d timer charged to ${engineer}.</summary>
    internal static readonly string LateSlipXml = TestBpmn.Process("ledger-late-slip", $"""
        <bpmn:startEvent id="start" />
        <bpmn:userTask id="handInRepairSlip" name="交回签字维修单" camunda:assignee="{"${engineer}"}" />
        <bpmn:boundaryEvent id="repairSlipTimer" cancelActivity="false" attachedToRef="handInRepairSlip">
          <bpmn:extensionElements><camunda:properties>
            <camunda:property name="sla" value="repair-slip-2d" />
            <camunda:property name="responsible" value="{"${engineer}"}" />
          </camunda:properties></bpmn:extensionElements>
          <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
        </bpmn:boundaryEvent>
        <bpmn:endEvent id="noted" />
        <bpmn:endEvent id="done" />
        {TestBpmn.Flows("start", "handInRepairSlip", "done")}{TestBpmn.Flows("repairSlipTimer", "noted")}
        """);

    [Fact]
    public async Task An_engineer_with_two_jobs_one_valid_slip_and_one_late_slip_has_subsidy_10_and_fine_20()
    {
        await MidQuarterAsync();
        var agent = await service.As("agent");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var customer = await RecordsApiTests.AddCustomerAsync(agent, "台账测试客户" + tag, "regular", ("钱工", null, "13700000031"));
        var jobs = new List<(string Number, Guid Instance)>();
        foreach (var i in new[] { 1, 2 })
        {
            var serial = $"LEDG{i}{tag}".ToUpperInvariant();
            await RecordsApiTests.AddDeviceAsync(agent, customer, serial, new DateOnly(2026, 1, 1), 24);
            var order = await RecordsApiTests.OpenAsync(agent, "repair", customer, [serial]);
            var instance = order.GetProperty("instanceId").GetGuid();
            await service.Host.CompleteAsync(instance, "acceptRequest", new { fault = "不开机", customerInformed = true });
            await service.Host.CompleteAsync(instance, "dispatchEngineer", new { engineer = "engineer", repairLocation = "workshop" });
            jobs.Add((order.GetProperty("number").GetString()!, instance));
        }
        var engineer = await service.As("engineer");
        await ApiClient.Expect(await RepairSlipApiTests.AttachAsync(engineer, jobs[0].Number, RepairSlipApiTests.Jpeg, "image/jpeg", "slip.jpg"),
            HttpStatusCode.Created);
        var owner = await service.As("owner");
        await owner.DeployAsync(LateSlipXml);
        var late = await owner.StartAsync("ledger-late-slip", new { engineer = "engineer" });
        await service.AdvanceAsync(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        var manager = await service.As("manager");
        await Poll.UntilAsync(async () => (await manager.BreachesAsync(late)).Count > 0, "the late slip is recorded");

        var ledger = await manager.GetJsonAsync($"/api/reports/engineers?quarter={Current()}");

        var row = Assert.Single(ledger.GetProperty("engineers").EnumerateArray(), e => e.GetProperty("engineer").GetString() == "engineer");
        Assert.Equal((2, 1, 10m, 1, 0, 20m), (row.GetProperty("jobs").GetInt32(), row.GetProperty("validJobs").GetInt32(),
            row.GetProperty("subsidy").GetDecimal(), row.GetProperty("lateSlips").GetInt32(), row.GetProperty("lateReports").GetInt32(),
            row.GetProperty("fines").GetDecimal()));
        Assert.Equal(1, row.GetProperty("breachesByRule").GetProperty("repair-slip-2d").GetInt32());
        Assert.Equal((10m, 20m), (ledger.GetProperty("subsidyPerValidJob").GetDecimal(), ledger.GetProperty("lateSlipFine").GetDecimal()));
    }

    [Fact]
    public async Task An_agent_who_answered_two_calls_and_missed_one_has_two_answered_and_one_missed_call_charged()
    {
        await MidQuarterAsync();
        var agent = "ledger-agent-" + Guid.NewGuid().ToString("N")[..6];
        var answeredBy = new Caller(agent, new HashSet<string> { "hotline", "agents" }, false);
        var tasks = service.Host.Services.GetRequiredService<TaskService>();
        foreach (var _ in new[] { 1, 2 })
        {
            var callId = Telephony.NewCallId();
            var call = await service.Host.StartAsync("hotline-call", callId,
                new { callId, from = "+86 21 5555 0101", to = "400-820-0000", ringSeconds = 5, onDuty = agent });
            await tasks.CompleteAsync(answeredBy, await service.Host.OpenTaskAsync(call, "answerCall"), RuntimeShortcuts.Variables(new { }));
        }
        var missedId = Telephony.NewCallId();
        var missed = await service.Host.StartAsync("hotline-call", missedId,
            new { callId = missedId, from = "+86 21 5555 0102", to = "400-820-0000", ringSeconds = 5, onDuty = agent });
        await service.AdvanceAsync(TimeSpan.FromSeconds(20));
        var manager = await service.As("manager");
        await Poll.UntilAsync(async () => (await manager.BreachesAsync(missed, "three-rings")).Count > 0, "the missed call is recorded");

        var ledger = await manager.GetJsonAsync($"/api/reports/engineers?quarter={Current()}");

        var row = Assert.Single(ledger.GetProperty("agents").EnumerateArray(), a => a.GetProperty("agent").GetString() == agent);
        Assert.Equal((2, 1, 0, 0), (row.GetProperty("callsAnswered").GetInt32(), row.GetProperty("missedCalls").GetInt32(),
            row.GetProperty("followUps").GetInt32(), row.GetProperty("followUpsOnTime").GetInt32()));
        Assert.DoesNotContain(ledger.GetProperty("engineers").EnumerateArray(), e => e.GetProperty("engineer").GetString() == agent);
    }

    [Fact]
    public async Task A_quarter_is_read_from_the_query_and_anything_else_is_a_400_naming_quarter()
    {
        var manager = await service.As("manager");

        var q4 = await manager.GetJsonAsync("/api/reports/engineers?quarter=2026Q4");
        var current = await manager.GetJsonAsync("/api/reports/engineers");

        Assert.Equal(("2026Q4", "2026-10-01", "2026-12-31"), (q4.GetProperty("quarter").GetString(), q4.GetProperty("from").GetString(),
            q4.GetProperty("to").GetString()));
        Assert.Equal(Current(), current.GetProperty("quarter").GetString());
        foreach (var bad in new[] { "2026Q5", "Q4-2026", "2026", "next" })
        {
            var problem = await ApiClient.ExpectProblemAsync(await manager.GetAsync($"/api/reports/engineers?quarter={bad}"), HttpStatusCode.BadRequest);
            Assert.Equal("quarter", problem.GetProperty("errors")[0].GetProperty("field").GetString());
            await ApiClient.ExpectProblemAsync(await manager.GetAsync($"/api/reports/engineers.xlsx?quarter={bad}"), HttpStatusCode.BadRequest);
        }
    }

    [Theory]
    [InlineData("2026Q4", 2026, 4, "2026-10-01", "2026-12-31")]
    [InlineData("2027q1", 2027, 1, "2027-01-01", "2027-03-31")]
    [InlineData(" 2028-Q2 ", 2028, 2, "2028-04-01", "2028-06-30")]
    public void A_quarter_reads_as_its_year_number_and_days(string text, int year, int number, string first, string last)
    {
        Assert.True(Quarter.TryParse(text, out var quarter));
        Assert.Equal((year, number, first, last), (quarter.Year, quarter.Number, quarter.FirstDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), quarter.LastDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("desk")]
    [InlineData("gm")]
    [InlineData("admin")]
    public async Task The_deputy_manager_the_general_manager_and_admins_read_the_ledger(string user)
    {
        var client = await service.As(user);

        Assert.Equal("2026Q4", (await client.GetJsonAsync("/api/reports/engineers?quarter=2026Q4")).GetProperty("quarter").GetString());
        await ApiClient.Expect(await client.GetAsync("/api/reports/engineers.xlsx?quarter=2026Q4"), HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("agent")]
    [InlineData("engineer")]
    [InlineData("owner")]
    public async Task Staff_who_are_not_managers_get_403(string user)
    {
        var client = await service.As(user);

        await ApiClient.ExpectProblemAsync(await client.GetAsync("/api/reports/engineers?quarter=2026Q4"), HttpStatusCode.Forbidden);
        await ApiClient.ExpectProblemAsync(await client.GetAsync("/api/reports/engineers.xlsx?quarter=2026Q4"), HttpStatusCode.Forbidden);
        var page = await PageSession.SignInAsync(service.Host, user);
        PageSession.AssertDenied(await page.GetAsync("/reports/engineers"));
        await page.PageAsync("/inbox");
        Assert.DoesNotContain("data-nav=\"ledger\"", page.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zh-CN", "工程师", "客服人员", "有效服务单数", "接听来电")]
    [InlineData("en", "Engineers", "Agents", "Valid jobs", "Calls answered")]
    public async Task The_workbook_opens_with_a_sheet_per_group_under_the_readers_language(string language, string engineers, string agents,
        string validHeader, string answeredHeader)
    {
        var manager = await service.As("manager");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/reports/engineers.xlsx?quarter={Current()}");
        request.Headers.AcceptLanguage.ParseAdd(language);

        var response = await manager.Http.SendAsync(request);

        await ApiClient.Expect(response, HttpStatusCode.OK);
        Assert.Equal($"engineers-{Current()}.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar
            ?? response.Content.Headers.ContentDisposition.FileName!.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([engineers, agents], MiniExcel.GetSheetNames(new MemoryStream(bytes)));
        var engineerColumns = Columns(bytes, engineers);
        var agentColumns = Columns(bytes, agents);
        Assert.Equal(9, engineerColumns.Count);
        Assert.Contains(validHeader, engineerColumns);
        Assert.Contains(answeredHeader, agentColumns);
    }

    [Fact]
    public async Task The_page_shows_a_manager_the_quarter_picker_and_the_excel_link_in_chinese()
    {
        var manager = await PageSession.SignInAsync(service.Host, "manager", "zh-CN");

        var html = await manager.PageAsync($"/reports/engineers?quarter={Current()}");

        Assert.Contains("工程师台账", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/reports/engineers\"", manager.Tag("data-nav", "ledger"), StringComparison.Ordinal);
        Assert.Equal(Current(), manager.SelectedOption("quarter"));
        Assert.Contains($"/reports/engineers?quarter={Current()}&handler=Excel", manager.Tag("data-testid", "ledger-excel"), StringComparison.Ordinal);
        await manager.PageAsync("/reports/engineers?quarter=soon");
        Assert.Contains("soon", manager.Text("data-testid", "ledger-bad-quarter"), StringComparison.Ordinal);
    }

    /// <summary>The header row of a sheet, read back with MiniExcel.</summary>
    private static List<string> Columns(byte[] workbook, string sheet)
    {
        using var stream = new MemoryStream(workbook);
        var header = (IDictionary<string, object?>)MiniExcel.Query(stream, sheetName: sheet).First();
        return [.. header.Values.Select(v => v?.ToString() ?? "")];
    }

    /// <summary>The department's quarter now (the fixture's clock, Asia/Shanghai).</summary>
    private string Current() => Quarter.Of(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(service.Clock.GetUtcNow(), Shanghai).DateTime)).ToString();

    /// <summary>Moves the clock into the next quarter when this one ends within days, so that a test's work stays in one quarter.</summary>
    private async Task MidQuarterAsync()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(service.Clock.GetUtcNow(), Shanghai).DateTime);
        var quarter = Quarter.Of(today);
        if (quarter.LastDay.DayNumber - today.DayNumber >= 3) return;
        await service.AdvanceAsync(TimeSpan.FromDays(quarter.LastDay.DayNumber - today.DayNumber + 2));
    }
}
