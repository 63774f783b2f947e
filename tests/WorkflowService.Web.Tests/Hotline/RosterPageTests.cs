using System.Net;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Hotline;

/// <summary>The roster page: managers and admins edit the week, dated changes and the forwarding mobile; agents cannot open it.</summary>
public sealed class RosterPageTests(RosterHost service) : IClassFixture<RosterHost>
{
    [Fact]
    public async Task A_manager_saves_shifts_and_changes_in_chinese_and_sees_them_and_who_is_on_duty()
    {
        var manager = await PageSession.SignInAsync(service.Host, "manager", "zh-CN");
        var page = await manager.PageAsync("/hotline/roster");
        Assert.Contains("热线值班表", page);
        var revision = manager.InputValue("Revision");

        var response = await manager.PostFormAsync("/hotline/roster", new()
        {
            ["Revision"] = revision,
            ["ForwardingMobile"] = "13800138000",
            ["Weekly[0].Day"] = "Tuesday", ["Weekly[0].Start"] = "08:30", ["Weekly[0].End"] = "12:00", ["Weekly[0].Agents"] = "agent，agent2",
            ["Weekly[1].Day"] = "Monday", ["Weekly[1].Start"] = "08:30", ["Weekly[1].End"] = "17:30", ["Weekly[1].Agents"] = "",
            ["Changes[0].Date"] = "2026-10-08", ["Changes[0].Start"] = "09:00", ["Changes[0].End"] = "12:00", ["Changes[0].Agents"] = "agent2",
        });
        await ApiClient.Expect(response, HttpStatusCode.Redirect);

        page = await manager.PageAsync("/hotline/roster");
        Assert.Contains("值班表已保存", page);
        Assert.Equal("13800138000", manager.InputValue("ForwardingMobile"));
        Assert.Equal("agent, agent2", manager.InputValue("Weekly[0].Agents"));
        Assert.Equal("Tuesday", manager.SelectedOption("Weekly[0].Day"));
        // The empty Monday row was dropped: the next row is a blank one.
        Assert.Equal("", manager.InputValue("Weekly[1].Agents"));
        Assert.Equal(("2026-10-08", "09:00", "agent2"), (manager.InputValue("Changes[0].Date"), manager.InputValue("Changes[0].Start"), manager.InputValue("Changes[0].Agents")));
        Assert.Contains("data-testid=\"on-duty-now\"", page);
        var roster = await (await service.As("admin")).GetJsonAsync("/api/hotline/roster");
        Assert.Equal(["agent", "agent2"], ApiClient.Strings(roster.GetProperty("weekly")[0].GetProperty("agents")));
    }

    [Fact]
    public async Task A_shift_ending_before_it_starts_is_refused_beside_the_shifts_and_nothing_is_saved()
    {
        var admin = await PageSession.SignInAsync(service.Host, "admin");
        await admin.PageAsync("/hotline/roster");
        var before = (await (await service.As("admin")).GetJsonAsync("/api/hotline/roster")).GetProperty("revision").GetInt32();

        var response = await admin.PostFormAsync("/hotline/roster", new()
        {
            ["Revision"] = admin.InputValue("Revision"),
            ["Weekly[0].Day"] = "Friday", ["Weekly[0].Start"] = "17:30", ["Weekly[0].End"] = "08:30", ["Weekly[0].Agents"] = "agent",
        });

        await ApiClient.Expect(response, HttpStatusCode.OK);
        Assert.Contains("data-error-for=\"weekly\"", admin.Html);
        Assert.Equal(before, (await (await service.As("admin")).GetJsonAsync("/api/hotline/roster")).GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task A_refused_roster_is_explained_in_Chinese_naming_the_shift_and_the_name_and_a_stale_one_names_who_saved()
    {
        var manager = await PageSession.SignInAsync(service.Host, "manager", "zh-CN");
        await manager.PageAsync("/hotline/roster");
        var revision = manager.InputValue("Revision");

        await manager.PostFormAsync("/hotline/roster", new()
        {
            ["Revision"] = revision,
            ["Weekly[0].Day"] = "Friday", ["Weekly[0].Start"] = "17:30", ["Weekly[0].End"] = "08:30", ["Weekly[0].Agents"] = "agent",
        });
        Assert.Equal("每周排班 17:30–08:30:结束时间须晚于开始时间(夜班请拆成午夜前、后两个班次)。", manager.Text("data-error-for", "weekly"));

        await manager.PostFormAsync("/hotline/roster", new()
        {
            ["Revision"] = revision,
            ["Weekly[0].Day"] = "Friday", ["Weekly[0].Start"] = "8:3x", ["Weekly[0].End"] = "12:00", ["Weekly[0].Agents"] = "agent",
            ["Changes[0].Date"] = "2026-10-08", ["Changes[0].Start"] = "09:00", ["Changes[0].End"] = "12:00", ["Changes[0].Agents"] = "nobody-here",
        });
        Assert.Equal("每周排班:“8:3x”不是有效的时间(HH:mm)。", manager.Text("data-error-for", "weekly"));

        await manager.PostFormAsync("/hotline/roster", new()
        {
            ["Revision"] = revision,
            ["Changes[0].Date"] = "2026-10-08", ["Changes[0].Start"] = "09:00", ["Changes[0].End"] = "12:00", ["Changes[0].Agents"] = "nobody-here",
        });
        Assert.Equal("调班:“nobody-here”不是启用中的人员。", manager.Text("data-error-for", "changes"));

        // Someone else saves first: the manager's save is refused, naming who.
        var admin = await PageSession.SignInAsync(service.Host, "admin");
        await admin.PageAsync("/hotline/roster");
        await ApiClient.Expect(await admin.PostFormAsync("/hotline/roster", new()
        {
            ["Revision"] = admin.InputValue("Revision"), ["ForwardingMobile"] = "13800138001",
        }), HttpStatusCode.Redirect);
        await manager.PostFormAsync("/hotline/roster", new() { ["Revision"] = revision, ["ForwardingMobile"] = "13800138002" });
        Assert.Equal("值班表已被 admin 修改,请重新加载后再修改。", manager.Text("data-testid", "form-error"));
    }

    [Fact]
    public async Task An_agent_cannot_open_the_roster_page()
    {
        var agent = await PageSession.SignInAsync(service.Host, "agent");

        PageSession.AssertDenied(await agent.GetAsync("/hotline/roster"));
    }
}
