using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Web.Tests.Support;
using static WorkflowService.Web.Tests.Staff.StaffApi;

namespace WorkflowService.Web.Tests.Staff;

/// <summary>The service with a half-second access cache, so that a change made elsewhere shows within a test's patience.</summary>
public sealed class ShortAccessCacheService : HostFixture
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMilliseconds(500);

    protected override Task<HostSettings> SettingsAsync() => Task.FromResult(new HostSettings
    {
        Settings = new() { ["AccessCache:Lifetime"] = Lifetime.ToString() },
    });
}

/// <summary>
/// The sign-in state and the groups every API request needs are kept in memory for a short while (issue 14): a change
/// made through this node counts on the very next call, however recently the old state was read; a change this node does
/// not see being made (another node's) counts here within the cache's lifetime.
/// </summary>
public sealed class AccessCacheTests(ShortAccessCacheService service) : IClassFixture<ShortAccessCacheService>
{
    private static readonly TimeSpan Patience = ShortAccessCacheService.Lifetime + TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_member_removed_from_a_group_loses_its_task_at_once_though_their_groups_were_just_read()
    {
        var (person, name, instance) = await EngineerWithGroupTaskAsync("removed");
        var task = await person.TaskIdAsync(instance, "groupWork");

        var admin = await service.As("admin");
        var others = (await admin.GetJsonAsync("/api/groups/engineers")).GetProperty("members").EnumerateArray()
            .Select(m => m.GetProperty("userName").GetString()!).Where(m => m != name).ToArray();
        await ApiClient.Expect(await admin.Http.PutAsJsonAsync("/api/groups/engineers/members", new { userNames = others }), HttpStatusCode.OK);

        Assert.Empty(await person.TasksAsync(instance));
        await ApiClient.Expect(await person.PostAsync($"/api/tasks/{task}/complete", new { variables = new { } }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_disabled_person_is_refused_on_the_next_call_though_their_token_was_just_checked()
    {
        var admin = await service.As("admin");
        var name = NewName("off");
        await AddAsync(admin, name, "agent", ["agents"]);
        var person = await SignInAsync(service.Host, name);
        for (var call = 0; call < 3; call++) await ApiClient.Expect(await person.GetAsync("/api/tasks"), HttpStatusCode.OK);

        await admin.PostJsonAsync($"/api/users/{name}/disable", null, HttpStatusCode.OK);

        await ApiClient.Expect(await person.GetAsync("/api/tasks"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_person_disabled_by_another_node_is_refused_here_within_the_cache_lifetime()
    {
        var admin = await service.As("admin");
        var name = NewName("far");
        await AddAsync(admin, name, "agent", ["agents"]);
        var person = await SignInAsync(service.Host, name);
        await ApiClient.Expect(await person.GetAsync("/api/tasks"), HttpStatusCode.OK);

        // Another node's write: straight to the database, past this node's change tracker and so its cache.
        await using (var db = service.Host.Services.GetRequiredService<WorkflowDbFactory>().Create())
            Assert.Equal(1, await db.Users.Where(u => u.UserName == name).ExecuteUpdateAsync(s => s.SetProperty(u => u.Disabled, true)));

        var clock = Stopwatch.StartNew();
        while ((await person.GetAsync("/api/tasks")).StatusCode == HttpStatusCode.OK)
        {
            Assert.True(clock.Elapsed < Patience, $"still admitted {clock.Elapsed} after another node disabled them");
            await Task.Delay(50);
        }
        await ApiClient.Expect(await person.GetAsync("/api/tasks"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_member_removed_by_another_node_loses_the_task_here_within_the_cache_lifetime()
    {
        var (person, name, instance) = await EngineerWithGroupTaskAsync("gone");

        await using (var db = service.Host.Services.GetRequiredService<WorkflowDbFactory>().Create())
            Assert.Equal(1, await db.GroupMembers.Where(m => m.UserName == name && m.GroupName == "engineers").ExecuteDeleteAsync());

        var clock = Stopwatch.StartNew();
        while ((await person.TasksAsync(instance)).Count > 0)
        {
            Assert.True(clock.Elapsed < Patience, $"still offered the task {clock.Elapsed} after another node removed them from the group");
            await Task.Delay(50);
        }
    }

    /// <summary>A new engineer who has just seen (and so read their groups for) an open task offered to the engineers.</summary>
    private async Task<(ApiClient Person, string Name, Guid Instance)> EngineerWithGroupTaskAsync(string prefix)
    {
        var admin = await service.As("admin");
        var owner = await service.As("owner");
        var name = NewName(prefix);
        await AddAsync(admin, name, "engineer", ["engineers"]);
        var key = NewName("cache");
        await owner.DeployAsync(TestBpmn.Process(key, """
            <bpmn:startEvent id="start" />
            <bpmn:userTask id="groupWork" camunda:candidateGroups="engineers" />
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="groupWork" />
            <bpmn:sequenceFlow id="f2" sourceRef="groupWork" targetRef="end" />
            """));
        var instance = await owner.StartAsync(key);
        var person = await SignInAsync(service.Host, name);
        Assert.Single(await person.TasksAsync(instance));
        return (person, name, instance);
    }
}
