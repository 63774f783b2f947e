using System.Text.Json;
using WorkflowService.Testing;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Records;

/// <summary>
/// An order's timeline tells what its process did besides steps and breaches: the emails it sent (from the outbox) and
/// the fees it settled, on the API and on the order page, whose fees block shows the amounts.
/// </summary>
public sealed class OrderTimelineTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(service.Clock.GetUtcNow(), Shanghai).DateTime);

    private async Task<(string Number, Guid Instance)> OpenRepairAsync(string name, DateOnly soldOn)
    {
        var agent = await service.As("agent");
        var customer = await RecordsApiTests.AddCustomerAsync(agent, name, "regular", ("周工", null, "1390000" + Random.Shared.Next(1000, 9999)));
        var serial = "TL" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await RecordsApiTests.AddDeviceAsync(agent, customer, serial, soldOn, 12);
        var opened = await RecordsApiTests.OpenAsync(agent, "repair", customer, [serial]);
        return (opened.GetProperty("number").GetString()!, opened.GetProperty("instanceId").GetGuid());
    }

    private async Task<List<JsonElement>> TimelineAsync(string number, string kind) =>
        [.. (await (await service.As("engineer")).GetJsonAsync($"/api/orders/{number}")).GetProperty("timeline").EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString() == kind)];

    [Fact]
    public async Task An_order_whose_process_escalates_by_email_shows_the_email_in_its_timeline_and_on_its_page()
    {
        var (number, instance) = await OpenRepairAsync("邮件时间线测试有限公司", Today.AddMonths(-1));
        Assert.Empty(await TimelineAsync(number, "email"));

        // Nobody accepts within 24 h: the acceptance timer escalates to the managers by email.
        await service.AdvanceAsync(TimeSpan.FromHours(25));
        await Poll.UntilAsync(async () => (await TimelineAsync(number, "email")).Count > 0,
            $"the escalation email is in the order's timeline (jobs: {service.Host.DescribeJobs()})");

        var email = Assert.Single(await TimelineAsync(number, "email"));
        Assert.Contains(email.GetProperty("detail").GetString(), new[] { "Pending", "Sent" });
        Assert.False(string.IsNullOrEmpty(email.GetProperty("what").GetString()));
        Assert.False(string.IsNullOrEmpty(email.GetProperty("by").GetString()), "the recipients are shown");
        var page = await PageSession.SignInAsync(service.Host, "agent", "zh-CN");
        await page.PageAsync($"/orders/{number}");
        Assert.Contains("邮件", page.Text("data-kind", "email"));
        Assert.Contains("收件人", page.Text("data-kind", "email"));
        // The breach that sent it, by the rule's name in the reader's words.
        Assert.Contains("24 小时内受理 (acceptance-24h)", page.Text("data-kind", "breach"));
        Assert.DoesNotContain("acceptanceTimer", page.Text("data-kind", "breach"));
    }

    [Fact]
    public async Task Fees_appear_on_the_order_after_the_settle_fees_task_is_completed_with_prices()
    {
        // Sold 14 months ago with 12 months of warranty: out of warranty, so finance settles fees.
        var (number, instance) = await OpenRepairAsync("费用时间线测试有限公司", Today.AddMonths(-14));
        var host = service.Host;
        await host.CompleteAsync(instance, "acceptRequest", new { fault = "Paper jam on tray 2", customerInformed = true });
        await host.CompleteAsync(instance, "dispatchEngineer", new { engineer = "engineer", repairLocation = "workshop" });
        await host.CompleteAsync(instance, "receiveUnits", new { });
        await host.CompleteAsync(instance, "assessFault", new { diagnosis = "Worn pickup roller", repairPlan = "Replace roller", partsSource = "none" });
        // Out of warranty the price is told and agreed before the repair: the quote is the order's fees from then on.
        await host.CompleteAsync(instance, "quoteRepair", new { partsPrice = 180L, labourPrice = 120L, customerConsent = true });
        await host.CompleteAsync(instance, "signAgreement", new { agreementSigned = true });
        await host.CompleteAsync(instance, "repairDevice", new { repairMethod = "Replaced pickup roller", repairResult = "Prints normally" });
        await host.CompleteAsync(instance, "customerAcceptance", new { customerAccepted = true, acceptanceFeedback = "Works again" });
        var engineer = await service.As("engineer");
        var before = (await engineer.GetJsonAsync($"/api/orders/{number}")).GetProperty("fees");
        Assert.Equal(["partsPrice", "labourPrice"], before.EnumerateObject().Select(f => f.Name));

        await host.CompleteAsync(instance, "settleFees", new { paymentReceived = true });

        var after = await engineer.GetJsonAsync($"/api/orders/{number}");
        var fees = after.GetProperty("fees");
        Assert.Equal(180, fees.GetProperty("partsPrice").GetInt64());
        Assert.Equal(120, fees.GetProperty("labourPrice").GetInt64());
        Assert.True(fees.GetProperty("paymentReceived").GetBoolean());
        var settled = Assert.Single(await TimelineAsync(number, "fees"));
        Assert.Equal("partsPrice=180, labourPrice=120, paymentReceived=true", settled.GetProperty("detail").GetString());
        var page = await PageSession.SignInAsync(host, "agent", "en");
        await page.PageAsync($"/orders/{number}");
        Assert.Equal("180", page.Text("data-fee", "partsPrice"));
        Assert.Equal("yes", page.Text("data-fee", "paymentReceived"));
        Assert.Contains("Fees settled", page.Text("data-kind", "fees"));
    }
}
