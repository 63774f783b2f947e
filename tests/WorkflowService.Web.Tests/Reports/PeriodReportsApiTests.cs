using System.Net;
using MiniExcelLibs;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Reports;

/// <summary>
/// <c>GET /api/reports/monthly.xlsx</c> and <c>/weekly.xlsx</c>: the workbooks of the mails, for managers, the deputy and
/// general managers and admins, with Chinese headers for a zh-CN reader and English ones otherwise.
/// </summary>
public sealed class PeriodReportsApiTests
{
    private static async Task<DailyReportHost> ScenarioAsync()
    {
        var service = await DailyReportHost.StartAsync(DailyReportHost.At(2026, 12, 3, 9));
        await new PeriodicReportScenario(service.Host).SeedAsync();
        return service;
    }

    /// <summary>A GET in a reader's language (the workbooks' headers follow it).</summary>
    internal static async Task<HttpResponseMessage> GetAsync(ApiClient client, string url, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptLanguage.ParseAdd(language);
        return await client.Http.SendAsync(request);
    }

    [Fact]
    public async Task The_monthly_workbook_of_a_month_is_the_one_the_mail_carries()
    {
        await using var service = await ScenarioAsync();
        var manager = await service.Host.LoginAsync("manager");

        var response = await GetAsync(manager, "/api/reports/monthly.xlsx?month=2026-11", "zh-CN");

        await ApiClient.Expect(response, HttpStatusCode.OK);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("月度服务单汇总-2026-11.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);
        using var workbook = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        MonthlySummaryTests.AssertNovemberWorkbook(workbook);
    }

    [Fact]
    public async Task In_english_the_sheets_and_headers_are_english()
    {
        await using var service = await ScenarioAsync();
        var manager = await service.Host.LoginAsync("gm");

        var monthly = new MemoryStream(await (await GetAsync(manager, "/api/reports/monthly.xlsx?month=2026-11", "en")).Content.ReadAsByteArrayAsync());
        Assert.Equal(["Orders", "KPIs"], MiniExcel.GetSheetNames(monthly));
        monthly.Position = 0;
        var first = (IDictionary<string, object?>)MiniExcel.Query(monthly, useHeaderRow: true, sheetName: "Orders").First();
        Assert.Equal(["Order", "Type", "Customer", "Devices", "Received", "Status", "Responsible", "Closed", "On time / late"], first.Keys);
        Assert.Equal(("Repair", "closed", "on time"), ((string?)first["Type"], (string?)first["Status"], (string?)first["On time / late"]));

        var weekly = new MemoryStream(await (await GetAsync(manager, "/api/reports/weekly.xlsx?week=2026-W48", "en")).Content.ReadAsByteArrayAsync());
        Assert.Equal(["Faults by model", "Repeat repairs", "Requests", "Complaints"], MiniExcel.GetSheetNames(weekly));
    }

    [Fact]
    public async Task The_weekly_workbook_has_a_sheet_per_part_with_the_weeks_figures()
    {
        await using var service = await ScenarioAsync();
        var desk = await service.Host.LoginAsync("desk");

        var response = await GetAsync(desk, "/api/reports/weekly.xlsx?week=2026-W48", "zh-CN");

        await ApiClient.Expect(response, HttpStatusCode.OK);
        Assert.Equal("每周品质反馈-2026-W48.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);
        WeeklyQualityTests.AssertWeek48Workbook(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_month_or_week_that_does_not_read_is_refused_and_staff_who_are_not_managers_get_403()
    {
        await using var service = await DailyReportHost.StartAsync(DailyReportHost.At(2026, 12, 3, 9));
        var manager = await service.Host.LoginAsync("manager");
        foreach (var bad in new[] { "2026-13", "11-2026", "soon" })
        {
            var problem = await ApiClient.ExpectProblemAsync(await manager.GetAsync($"/api/reports/monthly.xlsx?month={bad}"), HttpStatusCode.BadRequest);
            Assert.Equal("month", problem.GetProperty("errors")[0].GetProperty("field").GetString());
        }
        foreach (var bad in new[] { "2026-W54", "2026-48", "W48" })
        {
            var problem = await ApiClient.ExpectProblemAsync(await manager.GetAsync($"/api/reports/weekly.xlsx?week={bad}"), HttpStatusCode.BadRequest);
            Assert.Equal("week", problem.GetProperty("errors")[0].GetProperty("field").GetString());
        }
        await ApiClient.Expect(await manager.GetAsync("/api/reports/monthly.xlsx"), HttpStatusCode.OK);
        await ApiClient.Expect(await manager.GetAsync("/api/reports/weekly.xlsx"), HttpStatusCode.OK);

        var engineer = await service.Host.LoginAsync("engineer");
        await ApiClient.ExpectProblemAsync(await engineer.GetAsync("/api/reports/monthly.xlsx?month=2026-11"), HttpStatusCode.Forbidden);
        await ApiClient.ExpectProblemAsync(await engineer.GetAsync("/api/reports/weekly.xlsx?week=2026-W48"), HttpStatusCode.Forbidden);
    }
}
