using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowService.AfterSales.Customers;
using WorkflowService.AfterSales.Persistence;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Web.Tests.Support;
using static WorkflowService.Web.Tests.Records.RecordsApiTests;

namespace WorkflowService.Web.Tests.Records;

/// <summary>
/// The customer search through the gram table: a customer is found by a fragment of its name or numbers after every
/// way it is written (added, changed, imported, from before the table), no longer by what it lost, and the answers are
/// the scan's. The class has a service of its own, so that it knows every customer there is.
/// </summary>
public sealed class CustomerSearchTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private CustomerArchive Archive => service.Host.Services.GetRequiredService<CustomerArchive>();

    [Fact]
    public async Task A_customer_is_found_by_two_chinese_characters_four_digits_of_a_mobile_and_a_number_inside_its_name()
    {
        var agent = await service.As("agent");
        var id = await AddCustomerAsync(agent, "华东精工807号仪器厂", "regular", ("王经理", "021-6482-1190", "13862915574"));

        foreach (var query in new[] { "华东", "精工", "仪器厂", "9155", "138-6291", "6482", "807", "807号", "王经理" })
            Assert.True((await FoundAsync(query)).Contains(id), $"'{query}' did not find the customer");
        Assert.DoesNotContain(id, await FoundAsync("华西"));
        Assert.DoesNotContain(id, await FoundAsync("9156"));
    }

    [Fact]
    public async Task A_renamed_customer_is_found_by_its_new_name_and_no_longer_by_a_fragment_only_its_old_one_had()
    {
        var agent = await service.As("agent");
        var id = await AddCustomerAsync(agent, "旧名称甬江电器", "regular", ("陆工", null, "13700442211"));
        Assert.Contains(id, await FoundAsync("甬江"));

        await Archive.UpdateAsync(id, new CustomerInput("新名称瓯海电器", "regular", [new ContactInput("陆工", null, "13700442211", null)], null, null, null), null);

        Assert.DoesNotContain(id, await FoundAsync("甬江"));
        Assert.Contains(id, await FoundAsync("瓯海"));
        Assert.Contains(id, await FoundAsync("电器"));
        Assert.Contains(id, await FoundAsync("4422"));
    }

    [Fact]
    public async Task A_customer_renamed_to_the_front_of_the_name_order_is_among_the_first_fifty_a_search_answers()
    {
        // 51 customers share the gram "澜沧": the search reads its customers in name order and stops at the 50th, so
        // the renamed customer is found only if its grams were given the new name, not only the new grams.
        var ids = new List<Guid>();
        for (var i = 1; i <= 51; i++) ids.Add(await Archive.CreateAsync(Input($"澜沧江客户{i:D2}", $"1370000{i:D4}")));
        Assert.DoesNotContain(ids[^1], await FoundAsync("澜沧"));

        await Archive.UpdateAsync(ids[^1], Input("澜沧江客户00", "13700000051"), null);

        var found = await Archive.SearchAsync("澜沧");
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"澜沧江客户{i:D2}"), found.Select(c => c.Name));
        Assert.Equal(ids[^1], found[0].Id);
        Assert.Equal(await ScannedAsync("澜沧"), found.Select(c => c.Id).Order().ToList());
    }

    [Fact]
    public async Task Grams_left_with_an_old_name_by_a_previous_version_take_the_customers_name_at_the_start_up_backfill()
    {
        var ids = new List<Guid>();
        for (var i = 1; i <= 51; i++) ids.Add(await Archive.CreateAsync(Input($"赣鄱客户{i:D2}", $"1360000{i:D4}")));
        // As a node of the previous version leaves them: it renamed the first customer but knows no name column.
        await using (var db = service.Host.Services.GetRequiredService<WorkflowDbFactory>().Create())
        await using (var a = await AfterSalesDbContext.OverAsync(db, CancellationToken.None))
            Assert.True(await a.SearchGrams.Where(g => g.CustomerId == ids[0]).ExecuteUpdateAsync(s => s.SetProperty(g => g.Name, "赣鄱客户99")) > 0);
        Assert.DoesNotContain(ids[0], await FoundAsync("赣鄱"));

        Assert.Equal(0, await service.Host.Services.GetRequiredService<SearchGramBackfill>().RunAsync());

        Assert.Equal(ids[..50], await FoundAsync("赣鄱"));
    }

    private static CustomerInput Input(string name, string mobile) =>
        new(name, "regular", [new ContactInput("陆工", null, mobile, null)], null, null, null);

    [Fact]
    public async Task A_customer_is_no_longer_found_by_the_number_of_a_contact_it_removed()
    {
        var agent = await service.As("agent");
        var id = await AddCustomerAsync(agent, "联系人变更测试", "regular", ("甲", null, "13511223344"), ("乙", "0574-8830-6610", null));
        Assert.Contains(id, await FoundAsync("8830"));

        await Archive.UpdateAsync(id, new CustomerInput("联系人变更测试", "regular", [new ContactInput("甲", null, "13511223344", null)], null, null, null), null);

        Assert.DoesNotContain(id, await FoundAsync("8830"));
        Assert.Contains(id, await FoundAsync("1122"));
    }

    [Fact]
    public async Task Customers_an_import_adds_or_gives_a_new_number_are_found_by_a_fragment_of_it()
    {
        var agent = await service.As("agent");
        var existing = await AddCustomerAsync(agent, "导入前已有客户", "regular", ("董工", null, "13300001111"));
        var csv = "name,category,contact,phone,mobile\r\n" +
                  "导入新增客户,regular,秦工,,15977126604\r\n" +
                  "导入前已有客户,regular,韦工,0755-2931-7780,\r\n";

        var result = await CustomerImportTests.ReadAsync(
            await CustomerImportTests.PostFileAsync(agent, "c.csv", Encoding.UTF8.GetBytes(csv), dryRun: false), HttpStatusCode.OK);

        Assert.Equal((1, 1), (result.GetProperty("created").GetInt32(), result.GetProperty("updated").GetInt32()));
        var added = Assert.Single(await Archive.SearchAsync("7712660"));
        Assert.Equal("导入新增客户", added.Name);
        Assert.Contains(existing, await FoundAsync("2931"));
        Assert.Contains(existing, await FoundAsync("1111"));
    }

    [Fact]
    public async Task One_character_or_two_digits_have_no_gram_and_are_still_found_by_the_scan()
    {
        var agent = await service.As("agent");
        var id = await AddCustomerAsync(agent, "彧", "regular", ("X", null, "13900000947"));

        Assert.Contains(id, await FoundAsync("彧"));
        Assert.Contains(id, await FoundAsync("47"));
        Assert.Contains(id, await FoundAsync("彧|x"));
    }

    [Fact]
    public async Task A_customer_without_grams_is_missed_until_the_start_up_backfill_writes_them_once()
    {
        var agent = await service.As("agent");
        var id = await AddCustomerAsync(agent, "补写索引测试公司", "regular", ("冯工", null, "18655003321"));
        await DeleteGramsAsync(id);
        // The proof that the search reads the grams: without them, the customer is not found by a rare fragment.
        Assert.DoesNotContain(id, await FoundAsync("补写"));
        Assert.DoesNotContain(id, await FoundAsync("5500"));

        var backfill = service.Host.Services.GetRequiredService<SearchGramBackfill>();
        var first = await backfill.RunAsync();
        var second = await backfill.RunAsync();

        Assert.Equal((1, 0), (first, second));
        Assert.Contains(id, await FoundAsync("补写"));
        Assert.Contains(id, await FoundAsync("5500"));
    }

    [Fact]
    public async Task The_search_through_the_grams_answers_what_the_scan_of_every_search_text_answers()
    {
        var agent = await service.As("agent");
        var random = new Random(7);
        string[] syllables = ["华", "东", "精", "工", "仪", "器", "海", "宁", "波", "科"];
        for (var i = 0; i < 40; i++)
        {
            var name = string.Concat(Enumerable.Range(0, 4).Select(_ => syllables[random.Next(syllables.Length)])) + (i % 5 == 0 ? $"{i}8号" : "公司");
            await AddCustomerAsync(agent, name, "regular", ("联系人", null, $"139{random.Next(100_000_000):D8}"));
        }
        var queries = syllables.SelectMany(a => syllables.Select(b => a + b)).Concat(Enumerable.Range(0, 100).Select(i => $"{i:D3}"))
            .Concat(["公司", "8号", "华东精", "139", "00", "号"]).ToList();

        foreach (var query in queries)
            Assert.Equal(await ScannedAsync(query), (await Archive.SearchAsync(query)).Select(c => c.Id).Order().ToList());
    }

    private async Task<List<Guid>> FoundAsync(string query) => [.. (await Archive.SearchAsync(query)).Select(c => c.Id)];

    /// <summary>What the search answered before the grams: the scan of every customer's search text.</summary>
    private async Task<List<Guid>> ScannedAsync(string query)
    {
        await using var db = service.Host.Services.GetRequiredService<WorkflowDbFactory>().Create();
        await using var a = await AfterSalesDbContext.OverAsync(db, CancellationToken.None);
        return (await CustomerArchive.Matching(a.Customers.AsNoTracking(), query).OrderBy(c => c.Name).Take(CustomerArchive.SearchLimit)
            .Select(c => c.Id).ToListAsync()).Order().ToList();
    }

    /// <summary>A customer as a database from before the gram table has it.</summary>
    private async Task DeleteGramsAsync(Guid customer)
    {
        await using var db = service.Host.Services.GetRequiredService<WorkflowDbFactory>().Create();
        await using var a = await AfterSalesDbContext.OverAsync(db, CancellationToken.None);
        Assert.True(await a.SearchGrams.Where(g => g.CustomerId == customer).ExecuteDeleteAsync() > 0);
    }
}
