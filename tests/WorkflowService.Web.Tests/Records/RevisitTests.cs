using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowService.AfterSales.Customers;
using WorkflowService.Testing;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Records;

/// <summary>
/// Revisits of key (half-yearly) and long-term (yearly) customers keep a fixed rhythm from the anchor date: each is
/// put in the agents' inbox two weeks ahead, a late one is a breach of revisit-due, and the next one is due on the
/// rhythm's date, not half a year after the late one was done. A new category reschedules.
/// </summary>
public sealed class RevisitTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(service.Clock.GetUtcNow(), Shanghai).DateTime);

    [Fact]
    public async Task A_late_revisit_is_a_breach_and_the_next_one_is_due_on_the_rhythms_date_not_later()
    {
        var agent = await service.As("agent");
        var anchor = Today.AddDays(10).AddMonths(-6);
        var firstDue = anchor.AddMonths(6);
        var customer = await AddAsync(agent, "回访节奏测试", "key", anchor);

        var first = await RevisitAsync(customer, firstDue);
        Assert.NotNull(first);
        var task = Assert.Single(await agent.TasksAsync(first.Value));
        Assert.Equal(EndOfDay(firstDue), task.GetProperty("dueAt").GetDateTimeOffset());

        await service.AdvanceAsync(EndOfDay(firstDue) - service.Clock.GetUtcNow() + TimeSpan.FromDays(3));
        var desk = await service.As("desk");
        await Poll.UntilAsync(async () => (await desk.BreachesAsync(first.Value, "revisit-due")).Count > 0,
            $"the late revisit's breach is recorded (jobs: {service.Host.DescribeJobs()})");
        var breach = Assert.Single(await desk.BreachesAsync(first.Value, "revisit-due"));
        Assert.Equal(EndOfDay(firstDue), breach.GetProperty("dueAt").GetDateTimeOffset());
        await agent.FinishAsync(first.Value, "revisitCustomer", new { notes = "终于联系上", satisfaction = "4", stillCustomer = true });

        var secondDue = anchor.AddMonths(12);
        await service.AdvanceAsync(EndOfDay(secondDue.AddDays(-14)) - service.Clock.GetUtcNow());
        await service.Host.Server.Services.GetRequiredService<RevisitPlanner>().PlanAsync();

        Assert.NotNull(await RevisitAsync(customer, secondDue));
        Assert.Null(await RevisitAsync(customer, Today.AddMonths(6)));
    }

    [Fact]
    public async Task The_score_given_in_a_revisit_is_in_the_customers_satisfaction_over_time()
    {
        var agent = await service.As("agent");
        var anchor = Today.AddDays(7).AddMonths(-12);
        var customer = await AddAsync(agent, "满意度测试", "long-term", anchor);
        var revisit = await RevisitAsync(customer, anchor.AddMonths(12));
        Assert.NotNull(revisit);
        Assert.Empty((await agent.GetJsonAsync($"/api/customers/{customer}/satisfaction")).EnumerateArray());

        await agent.FinishAsync(revisit.Value, "revisitCustomer", new { notes = "很满意", satisfaction = "4", stillCustomer = true });

        var score = Assert.Single((await agent.GetJsonAsync($"/api/customers/{customer}/satisfaction")).EnumerateArray());
        Assert.Equal((4, "revisit"), (score.GetProperty("score").GetInt32(), score.GetProperty("kind").GetString()));
        await ApiClient.ExpectProblemAsync(await agent.GetAsync($"/api/customers/{Guid.NewGuid()}/satisfaction"), HttpStatusCode.NotFound);
        var page = await PageSession.SignInAsync(service.Host, "agent", "zh-CN");
        await page.PageAsync($"/customers/{customer}");
        Assert.Equal("共 1 次评分,平均 4.0 分(满分 5 分)。", page.Text("data-testid", "average-score"));
    }

    [Fact]
    public async Task A_key_customer_made_long_term_has_the_half_yearly_revisit_cancelled_and_none_before_the_yearly_date()
    {
        var agent = await service.As("agent");
        var anchor = Today.AddDays(5).AddMonths(-6);
        var customer = await AddAsync(agent, "类别变更测试", "key", anchor);
        var halfYearly = await RevisitAsync(customer, anchor.AddMonths(6));
        Assert.NotNull(halfYearly);

        var current = await agent.GetJsonAsync($"/api/customers/{customer}");
        await ApiClient.Expect(await agent.Http.PutAsJsonAsync($"/api/customers/{customer}", new
        {
            name = "类别变更测试", category = "long-term", anchorDate = anchor, revision = current.GetProperty("revision").GetInt32(),
            contacts = new[] { new { name = "陈工", mobile = "13800000011" } },
        }), HttpStatusCode.OK);

        Assert.Equal("Cancelled", await (await service.As("admin")).StatusAsync(halfYearly.Value));
        Assert.Null(await RevisitAsync(customer, anchor.AddMonths(12)));
    }

    [Fact]
    public async Task A_regular_customer_is_not_revisited_and_the_process_cannot_be_started_by_hand()
    {
        var agent = await service.As("agent");
        var customer = await AddAsync(agent, "普通客户测试", "regular", Today.AddDays(3).AddMonths(-6));

        Assert.Null(await RevisitAsync(customer, Today.AddDays(3)));
        await ApiClient.ExpectProblemAsync(await agent.PostAsync("/api/instances", new { definitionKey = RevisitPlanner.ProcessKey }),
            HttpStatusCode.Forbidden);
    }

    private DateTimeOffset EndOfDay(DateOnly date)
    {
        var midnight = date.AddDays(1).ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, Shanghai.GetUtcOffset(midnight));
    }

    private async Task<Guid?> RevisitAsync(Guid customer, DateOnly due)
    {
        var key = RevisitPlanner.Key(customer, due);
        var found = (await (await service.As("admin")).GetJsonAsync($"/api/instances?definitionKey={RevisitPlanner.ProcessKey}&take=500"))
            .EnumerateArray().Where(i => i.GetProperty("businessKey").GetString() == key).ToList();
        return found.Count == 0 ? null : found[0].GetProperty("id").GetGuid();
    }

    private static async Task<Guid> AddAsync(ApiClient client, string name, string category, DateOnly anchor)
    {
        var created = await client.PostJsonAsync("/api/customers", new
        {
            name = $"{name}{Guid.NewGuid().ToString("N")[..4]}", category, anchorDate = anchor.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            contacts = new[] { new { name = "陈工", mobile = "13800000011" } },
        }, HttpStatusCode.Created);
        return created.GetProperty("id").GetGuid();
    }
}
