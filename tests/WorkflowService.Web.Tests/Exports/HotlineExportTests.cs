using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using WorkflowService.AfterSales.Hotline;
using WorkflowService.Web.Tests.Support;
using static WorkflowService.Web.Tests.Records.RecordExportTests;

namespace WorkflowService.Web.Tests.Exports;

/// <summary>The hotline's lists as workbooks: the call log (by the department's days and a number) and the duty roster.</summary>
public sealed class HotlineExportTests(TelephonyHost service) : IClassFixture<TelephonyHost>
{
    private static string Today() => DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string Tomorrow() =>
        DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("zh-CN", "来电记录", "来电号码", "来电编号", "状态", "进行中")]
    [InlineData("en", "Calls", "From", "Call id", "Status", "Running")]
    public async Task The_call_log_workbook_lists_the_calls_of_the_days_from_a_number(string language, string sheet, string from, string id,
        string status, string running)
    {
        var callId = Telephony.NewCallId();
        var number = $"+86 139 {Random.Shared.Next(1000, 9999)} {Random.Shared.Next(1000, 9999)}";
        await ApiClient.Expect(await new Telephony(service.Host.CreateClient()).RingAsync(callId, number), HttpStatusCode.Created);
        var agent = await service.As("agent");
        var digits = number.Replace(" ", "", StringComparison.Ordinal)[3..];

        var bytes = await DownloadAsync(agent, $"/api/hotline/calls/export?number={digits}", "calls-", language);
        var later = Rows(await DownloadAsync(agent, $"/api/hotline/calls/export?from={Tomorrow()}&number={digits}", "calls-", language));
        var ofToday = Rows(await DownloadAsync(agent, $"/api/hotline/calls/export?to={Tomorrow()}", "calls-", language));

        Assert.Equal([sheet], MiniExcel.GetSheetNames(new MemoryStream(bytes)));
        var row = Assert.Single(Rows(bytes));
        Assert.Equal((number, callId, running), ((string?)row[from], (string?)row[id], (string?)row[status]));
        Assert.Empty(later);
        Assert.Contains(ofToday, r => (string?)r[id] == callId);
    }

    [Fact]
    public async Task The_call_log_is_for_the_desk_and_refuses_a_date_that_is_none()
    {
        await ApiClient.ExpectProblemAsync(await (await service.As("engineer")).GetAsync("/api/hotline/calls/export"), HttpStatusCode.Forbidden);
        await ApiClient.Expect(await (await service.As("manager")).GetAsync($"/api/hotline/calls/export?from={Today()}"), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.BadRequest, (await (await service.As("agent")).GetAsync("/api/hotline/calls/export?from=soon")).StatusCode);
    }

    [Theory]
    [InlineData("zh-CN", "值班表", "类型", "星期/日期", "值班客服", "每周", "星期一", "调班")]
    [InlineData("en", "Duty roster", "Kind", "Day or date", "Agents on duty", "Weekly", "Monday", "Change")]
    public async Task The_roster_workbook_lists_the_weekly_shifts_then_the_dated_changes(string language, string sheet, string kind, string day,
        string agents, string weekly, string monday, string change)
    {
        var store = service.Host.Services.GetRequiredService<DutyRosterStore>();
        var current = await store.GetAsync();
        var date = new DateOnly(2030, 1, 2);
        await store.SaveAsync(new DutyRoster([new WeeklyShift(DayOfWeek.Monday, new TimeOnly(8, 30), new TimeOnly(17, 0), ["agent", "agent2"])],
            [new DatedShift(date, new TimeOnly(9, 0), new TimeOnly(12, 0), ["agent2"])], null, current.Revision), "manager");
        var page = await PageSession.SignInAsync(service.Host, "manager", language);

        var bytes = await DownloadAsync(await service.As("agent"), "/api/hotline/roster/export", "roster-", language);
        await page.PageAsync("/hotline/roster");
        var fromPage = await page.GetAsync(Href(page.Tag("data-testid", "excel")));

        Assert.Equal([sheet], MiniExcel.GetSheetNames(new MemoryStream(bytes)));
        Assert.Equal([(weekly, monday, "agent, agent2"), (change, "2030-01-02", "agent2")],
            Rows(bytes).Select(r => ((string)r[kind]!, (string)r[day]!, (string)r[agents]!)).ToArray());
        await ApiClient.Expect(fromPage, HttpStatusCode.OK);
        Assert.Equal(2, Rows(await fromPage.Content.ReadAsByteArrayAsync()).Count);
    }

    [Fact]
    public async Task The_roster_page_serves_the_call_log_of_the_days_asked_for()
    {
        var callId = Telephony.NewCallId();
        await ApiClient.Expect(await new Telephony(service.Host.CreateClient()).RingAsync(callId, "+86 139 5555 0001"), HttpStatusCode.Created);
        var page = await PageSession.SignInAsync(service.Host, "manager", "zh-CN");

        await page.PageAsync("/hotline/roster");
        Assert.Contains("来电记录导出 Excel", page.Text("data-testid", "calls-export"), StringComparison.Ordinal);
        var response = await page.GetAsync($"/hotline/roster?handler=Calls&from={Today()}");

        await ApiClient.Expect(response, HttpStatusCode.OK);
        Assert.Contains(Rows(await response.Content.ReadAsByteArrayAsync()), r => (string?)r["来电编号"] == callId);
    }

    [Fact]
    public async Task A_process_owner_on_the_roster_page_neither_sees_nor_gets_the_call_log()
    {
        var owner = await PageSession.SignInAsync(service.Host, "owner");

        await owner.PageAsync("/hotline/roster");
        Assert.DoesNotContain("data-testid=\"calls-export\"", owner.Html);
        var response = await owner.GetAsync($"/hotline/roster?handler=Calls&from={Today()}");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
    }
}
