using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using WorkflowService.AfterSales;
using WorkflowService.Testing;
using WorkflowService.Web.Tests.Support;
using static WorkflowService.Web.Tests.Records.RecordExportTests;

namespace WorkflowService.Web.Tests.Exports;

/// <summary>
/// The runtime's lists as workbooks: the inbox (only the caller's own and their groups' tasks, with the inbox's filters),
/// the instances the caller may see, and the audit log for admins; from the API and from each page's Excel button.
/// </summary>
public sealed class ListExportTests(ServiceFixture service) : IClassFixture<ServiceFixture>, IAsyncLifetime
{
    private const string Process = "export-lists";
    private const string UserA = "export-a-user";
    private const string UserB = "export-b-user";

    private static readonly string Bpmn = TestBpmn.Process(Process, $"""
        <bpmn:startEvent id="start" />
        <bpmn:userTask id="work" name="导出任务" camunda:candidateGroups="{"${groups}"}" camunda:dueDate="{"${due}"}" camunda:priority="{"${prio}"}" />
        <bpmn:endEvent id="done" />
        {TestBpmn.Flows("start", "work", "done")}
        """);

    public async Task InitializeAsync()
    {
        // Each test's instance deploys it again: the second time answers 200 (the same version).
        var deployed = await (await service.As("admin")).PostXmlAsync("/api/definitions", Bpmn);
        Assert.True(deployed.IsSuccessStatusCode, $"{deployed.StatusCode}");
        await service.Host.CreateUserAsync(UserA, "engineer", "export-a");
        await service.Host.CreateUserAsync(UserB, "engineer", "export-b");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A task of the test process offered to <paramref name="group"/>, due at <paramref name="due"/>; its business key.</summary>
    private async Task<(Guid Instance, string Key)> OfferAsync(string group, DateTimeOffset due, int priority = 50)
    {
        var key = $"{group}-{Guid.NewGuid():N}"[..(group.Length + 9)];
        var id = await (await service.As("admin")).StartAsync(Process, new { groups = group, due = due.ToString("O"), prio = priority }, key);
        return (id, key);
    }

    private TimeZoneInfo Zone => service.Host.Services.GetRequiredService<DepartmentDay>().Zone;

    [Theory]
    [InlineData("zh-CN", "待办任务", "任务", "业务编号", "到期时间", "时限", "已超时")]
    [InlineData("en", "Inbox", "Task", "Business key", "Due", "SLA", "Overdue")]
    public async Task The_inbox_workbook_holds_the_callers_group_tasks_and_never_another_groups(string language, string sheet, string task,
        string key, string due, string sla, string overdue)
    {
        var late = DateTimeOffset.UtcNow.AddHours(-2);
        var (_, mine) = await OfferAsync("export-a", late);
        var (_, theirs) = await OfferAsync("export-b", late);

        var bytes = await DownloadAsync(await service.Host.LoginAsync(UserA), $"/api/inbox/export?process={Process}", "inbox-", language);
        var forB = Rows(await DownloadAsync(await service.Host.LoginAsync(UserB), $"/api/inbox/export?process={Process}", "inbox-", language));
        var forAdmin = Rows(await DownloadAsync(await service.As("admin"), $"/api/inbox/export?process={Process}", "inbox-", language));

        Assert.Equal([sheet], MiniExcel.GetSheetNames(new MemoryStream(bytes)));
        var rows = Rows(bytes);
        var row = Assert.Single(rows, r => (string?)r[key] == mine);
        Assert.Equal(("导出任务", overdue, ListTime(late)), ((string?)row[task], (string?)row[sla], (string?)row[due]));
        Assert.DoesNotContain(rows, r => (string?)r[key] == theirs);
        Assert.All(rows, r => Assert.StartsWith("export-a-", (string)r[key]!, StringComparison.Ordinal));
        Assert.Contains(forB, r => (string?)r[key] == theirs);
        Assert.DoesNotContain(forB, r => (string?)r[key] == mine);
        Assert.Empty(forAdmin);
    }

    [Fact]
    public async Task The_inbox_workbook_keeps_the_overdue_filter()
    {
        var (_, late) = await OfferAsync("export-a", DateTimeOffset.UtcNow.AddHours(-1));
        var (_, later) = await OfferAsync("export-a", DateTimeOffset.UtcNow.AddDays(3));
        var user = await service.Host.LoginAsync(UserA);

        var overdue = Rows(await DownloadAsync(user, $"/api/inbox/export?process={Process}&overdue=true", "inbox-", "en"));
        var all = Rows(await DownloadAsync(user, $"/api/inbox/export?process={Process}&sort=priority", "inbox-", "en"));

        Assert.Contains(overdue, r => (string?)r["Business key"] == late);
        Assert.DoesNotContain(overdue, r => (string?)r["Business key"] == later);
        Assert.Contains(all, r => (string?)r["Business key"] == later);
    }

    [Fact]
    public async Task Due_today_in_an_inbox_workbook_asked_without_a_zone_ends_at_the_departments_midnight()
    {
        var midnight = WorkflowService.Web.Pages.InboxModel.EndOfToday(service.Clock.GetUtcNow(), Zone.Id);
        var (_, tonight) = await OfferAsync("export-a", midnight.AddHours(-1));
        var (_, afterMidnight) = await OfferAsync("export-a", midnight.AddHours(1));

        var keys = Rows(await DownloadAsync(await service.Host.LoginAsync(UserA), $"/api/inbox/export?process={Process}&dueToday=true",
            "inbox-", "en")).Select(r => (string?)r["Business key"]).ToList();

        Assert.Contains(tonight, keys);
        Assert.DoesNotContain(afterMidnight, keys);
    }

    [Fact]
    public async Task The_inbox_page_button_downloads_what_the_list_shows_under_its_filters()
    {
        var (_, mine) = await OfferAsync("export-a", DateTimeOffset.UtcNow.AddDays(1));
        var (_, theirs) = await OfferAsync("export-b", DateTimeOffset.UtcNow.AddDays(1));
        var page = await PageSession.SignInAsync(service.Host, UserA, "zh-CN");

        await page.PageAsync($"/inbox?process={Process}");
        var link = Href(page.Tag("data-testid", "excel"));
        var response = await page.GetAsync(link);

        Assert.Contains($"process={Process}", link, StringComparison.Ordinal);
        await ApiClient.Expect(response, HttpStatusCode.OK);
        var keys = Rows(await response.Content.ReadAsByteArrayAsync()).Select(r => (string?)r["业务编号"]).ToList();
        Assert.Contains(mine, keys);
        Assert.DoesNotContain(theirs, keys);
    }

    [Fact]
    public async Task The_instance_workbook_lists_only_instances_the_caller_may_see_with_the_status_filter()
    {
        var (a, mine) = await OfferAsync("export-a", DateTimeOffset.UtcNow.AddDays(1));
        var (_, theirs) = await OfferAsync("export-b", DateTimeOffset.UtcNow.AddDays(1));

        var rows = Rows(await DownloadAsync(await service.Host.LoginAsync(UserA), $"/api/instances/export?process={Process}&status=Running",
            "instances-", "en"));
        var completed = Rows(await DownloadAsync(await service.As("manager"), $"/api/instances/export?process={Process}&status=Completed",
            "instances-", "zh-CN"));
        var page = await PageSession.SignInAsync(service.Host, UserA, "en");
        await page.PageAsync($"/instances?process={Process}");
        var fromPage = await page.GetAsync(Href(page.Tag("data-testid", "excel")));

        var row = Assert.Single(rows, r => (string?)r["Business key"] == mine);
        Assert.Equal(("Running", Process, "admin"), ((string?)row["Status"], (string?)row["Process key"], (string?)row["Started by"]));
        Assert.DoesNotContain(rows, r => (string?)r["Business key"] == theirs);
        Assert.DoesNotContain(completed, r => (string?)r["业务编号"] == mine);
        await ApiClient.Expect(fromPage, HttpStatusCode.OK);
        var pageKeys = Rows(await fromPage.Content.ReadAsByteArrayAsync()).Select(r => (string?)r["Business key"]).ToList();
        Assert.Contains(mine, pageKeys);
        Assert.DoesNotContain(theirs, pageKeys);
        await ApiClient.ExpectProblemAsync(await (await service.As("manager")).GetAsync("/api/instances/export?status=Sleeping"),
            HttpStatusCode.BadRequest);
        Assert.NotEqual(Guid.Empty, a);
    }

    [Theory]
    [InlineData("zh-CN", "操作日志", "操作人", "操作", "对象")]
    [InlineData("en", "Audit log", "Who", "What", "Of")]
    public async Task The_audit_workbook_is_for_admins_and_keeps_the_target_filter(string language, string sheet, string actor, string action,
        string target)
    {
        var admin = await service.As("admin");
        var name = Staff.StaffApi.NewName("audit-x");
        await Staff.StaffApi.AddAsync(admin, name, "agent");

        var bytes = await DownloadAsync(admin, $"/api/audit/export?target={name}", "audit-", language);

        Assert.Equal([sheet], MiniExcel.GetSheetNames(new MemoryStream(bytes)));
        var row = Assert.Single(Rows(bytes));
        Assert.Equal(("admin", "user.created", name), ((string?)row[actor], (string?)row[action], (string?)row[target]));
        await ApiClient.ExpectProblemAsync(await (await service.As("agent")).GetAsync("/api/audit/export"), HttpStatusCode.Forbidden);
        await ApiClient.ExpectProblemAsync(await (await service.As("manager")).GetAsync("/api/audit/export"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_audit_and_staff_page_buttons_download_for_admins_and_are_refused_to_others()
    {
        var admin = await PageSession.SignInAsync(service.Host, "admin", "en");
        await admin.PageAsync("/admin/staff?q=admin");
        var staff = await admin.GetAsync(Href(admin.Tag("data-testid", "excel")));
        await admin.PageAsync("/admin/audit");
        var audit = await admin.GetAsync(Href(admin.Tag("data-testid", "excel")));
        var agent = await PageSession.SignInAsync(service.Host, "agent");

        await ApiClient.Expect(staff, HttpStatusCode.OK);
        Assert.Contains(Rows(await staff.Content.ReadAsByteArrayAsync()), r => (string?)r["User name"] == "admin" && (string?)r["Disabled"] == "No");
        await ApiClient.Expect(audit, HttpStatusCode.OK);
        Assert.NotEmpty(Rows(await audit.Content.ReadAsByteArrayAsync()));
        PageSession.AssertDenied(await agent.Http.GetAsync("/admin/audit?handler=Excel"));
        PageSession.AssertDenied(await agent.Http.GetAsync("/admin/staff?handler=Excel"));
    }

    [Theory]
    [InlineData("zh-CN", "节假日与调休", "日期", "星期", "类型", "名称", "放假", "上班(调休)", "星期六")]
    [InlineData("en", "Holidays and make-up days", "Date", "Weekday", "Day", "Name", "Off (holiday)", "Working (make-up day)", "Saturday")]
    public async Task The_calendar_workbook_lists_its_holidays_and_make_up_days_by_date(string language, string sheet, string date,
        string weekday, string kind, string name, string off, string on, string saturday)
    {
        var admin = await service.As("admin");
        var calendar = $"exp-{Guid.NewGuid():N}"[..16];
        var saved = await admin.Http.PutAsJsonAsync($"/api/calendars/{calendar}", new
        {
            timeZone = "Asia/Shanghai", workingDays = new[] { "monday", "tuesday", "wednesday", "thursday", "friday" },
            periods = new[] { new { start = "09:00", end = "17:00" } },
            exceptions = new object[]
            {
                new { date = "2026-10-10", working = true, name = "国庆节调休上班" }, new { date = "2026-10-01", working = false, name = "国庆节" },
            },
            scheduledYears = new[] { 2026 },
        });
        await ApiClient.Expect(saved, HttpStatusCode.Created);
        var page = await PageSession.SignInAsync(service.Host, "admin", language);

        var bytes = await DownloadAsync(await service.As("agent"), $"/api/calendars/{calendar}/export", $"calendar-{calendar}-", language);
        await page.PageAsync($"/admin/calendars/{calendar}");
        var fromPage = await page.GetAsync(Href(page.Tag("data-testid", "excel")));

        Assert.Equal([sheet], MiniExcel.GetSheetNames(new MemoryStream(bytes)));
        Assert.Equal([("2026-10-01", off, "国庆节"), ("2026-10-10", on, "国庆节调休上班")],
            Rows(bytes).Select(r => ((string)r[date]!, (string)r[kind]!, (string)r[name]!)).ToArray());
        Assert.Equal(saturday, Rows(bytes)[1][weekday]);
        await ApiClient.Expect(fromPage, HttpStatusCode.OK);
        Assert.Equal(2, Rows(await fromPage.Content.ReadAsByteArrayAsync()).Count);
        await ApiClient.ExpectProblemAsync(await admin.GetAsync("/api/calendars/no-such-calendar/export"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("zh-CN", "分组", "组名", "成员")]
    [InlineData("en", "Groups", "Group name", "Members")]
    public async Task The_group_workbook_names_each_groups_members_for_admins(string language, string sheet, string name, string members)
    {
        var bytes = await DownloadAsync(await service.As("admin"), "/api/groups/export", "groups-", language);

        Assert.Equal([sheet], MiniExcel.GetSheetNames(new MemoryStream(bytes)));
        var group = Assert.Single(Rows(bytes), r => (string?)r[name] == "export-a");
        Assert.Equal(UserA, group[members]);
        await ApiClient.ExpectProblemAsync(await (await service.As("manager")).GetAsync("/api/groups/export"), HttpStatusCode.Forbidden);
        var page = await PageSession.SignInAsync(service.Host, "admin", language);
        await page.PageAsync("/admin/groups");
        var fromPage = await page.GetAsync(Href(page.Tag("data-testid", "excel")));
        await ApiClient.Expect(fromPage, HttpStatusCode.OK);
        Assert.Contains(Rows(await fromPage.Content.ReadAsByteArrayAsync()), r => (string?)r[name] == "export-b");
    }

    private string ListTime(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Zone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
