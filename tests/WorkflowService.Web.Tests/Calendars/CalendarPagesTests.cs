using System.Net;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Calendars;

/// <summary>The admin page of a calendar: a server-side form that keeps what was typed when it is refused.</summary>
public sealed class CalendarPagesTests(DecemberService service) : IClassFixture<DecemberService>
{
    private static Dictionary<string, string> Form(string version, string secondEnd = "17:30") => new()
    {
        ["version"] = version,
        ["timeZone"] = "Asia/Shanghai",
        ["scheduledYears"] = "2026",
        ["workingDays"] = "monday",
        ["periods[0].start"] = "08:30",
        ["periods[0].end"] = "12:00",
        ["periods[1].start"] = "13:30",
        ["periods[1].end"] = secondEnd,
        ["periods[2].start"] = "",
        ["periods[2].end"] = "",
        ["exceptions[0].date"] = "2026-10-01",
        ["exceptions[0].working"] = "off",
        ["exceptions[0].name"] = "国庆节",
        ["exceptions[1].date"] = "",
        ["exceptions[1].name"] = "",
    };

    [Fact]
    public async Task An_admin_creates_a_calendar_in_the_page_and_a_refused_save_keeps_what_was_typed()
    {
        var admin = await PageSession.SignInAsync(service.Host, "admin", "zh-CN");
        var name = $"page-{Guid.NewGuid():N}"[..16];
        await admin.PageAsync($"/admin/calendars/{name}");
        Assert.Contains("保存即新建", admin.Html);

        var refused = await admin.PostFormAsync($"/admin/calendars/{name}?handler=Save", Form("0", secondEnd: "11:00"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("工作时段 13:30–11:00 的结束时间早于开始时间(时段不能跨越午夜)。", admin.Text("data-error-for", "periods"));
        Assert.Equal("11:00", admin.InputValue("periods[1].end"));
        Assert.Equal("国庆节", admin.InputValue("exceptions[0].name"));

        var saved = await admin.PostFormAsync($"/admin/calendars/{name}?handler=Save", Form("0"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await admin.PageAsync($"/admin/calendars/{name}");
        Assert.Equal("日历已保存。", admin.Text("data-testid", "notice"));
        Assert.Equal("1", admin.InputValue("version"));
        Assert.Equal("2026-10-01", admin.InputValue("exceptions[0].date"));

        var stale = await admin.PostFormAsync($"/admin/calendars/{name}?handler=Save", Form("0"));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Equal("同名日历已存在,请打开该日历后再修改。", admin.Text("data-testid", "form-error"));
    }

    [Fact]
    public async Task The_page_previews_a_due_date_in_the_saved_calendar()
    {
        var admin = await PageSession.SignInAsync(service.Host, "admin");
        await admin.PageAsync("/admin/calendars/default");

        await admin.PostFormAsync("/admin/calendars/default?handler=Due", new() { ["from"] = "2026-02-13T16:00", ["duration"] = "PT4H" });
        Assert.Equal("2026-02-14T11:00:00+08:00", admin.Text("data-testid", "due"));

        await admin.PostFormAsync("/admin/calendars/default?handler=Due", new() { ["from"] = "2026-02-13T16:00", ["duration"] = "4h" });
        Assert.Contains("'4h'", admin.Text("data-error-for", "duration"));
        Assert.Equal("4h", admin.InputValue("duration"));
    }

    [Fact]
    public async Task Only_admins_may_open_the_calendars_page()
    {
        var manager = await PageSession.SignInAsync(service.Host, "manager");

        PageSession.AssertDenied(await manager.GetAsync("/admin/calendars"));
        PageSession.AssertDenied(await manager.GetAsync("/admin/calendars/default"));
    }
}
