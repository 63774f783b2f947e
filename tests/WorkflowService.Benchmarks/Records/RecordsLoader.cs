using System.Globalization;
using WorkflowService.AfterSales;
using WorkflowService.AfterSales.Customers;
using WorkflowService.AfterSales.Persistence;
using WorkflowService.Benchmarks.Runtime;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Benchmarks.Records;

/// <summary>A customer the load made and the serial of one of its devices: what an opened order names.</summary>
internal sealed record LoadedCustomer(Guid Id, string Name, string Mobile, string Serial);

/// <summary>
/// Fills the records with customers and devices as fast as the service's own write path allows: batches of rows added
/// through <see cref="AfterSalesDbContext"/>, one transaction per batch, in the Runtime's write turn. This is set-up,
/// not measured; the rows are what <see cref="CustomerArchive.CreateAsync"/> and <c>AddDeviceAsync</c> would write
/// (search text included), without their per-row validation and revisit planning, and without search grams: the
/// suite has the start-up backfill write those, as for an archive from before the gram table.
/// </summary>
internal static class RecordsLoader
{
    private const int Batch = 5_000;

    // Syllables of company names as the department's customers have them: a city, a two-character brand, a trade.
    private static readonly string[] Cities =
        ["北京", "上海", "广州", "深圳", "杭州", "南京", "苏州", "成都", "武汉", "西安", "天津", "重庆", "青岛", "宁波", "厦门", "长沙", "郑州", "济南", "合肥", "福州"];
    private static readonly string[] BrandSyllables =
        ["华", "盛", "达", "鑫", "泰", "瑞", "恒", "通", "宏", "远", "科", "信", "德", "海", "联", "金", "源", "中", "新", "天", "安", "博",
         "创", "富", "嘉", "昌", "隆", "兴", "明", "亚", "星", "光", "诚", "合", "正", "美", "力", "東", "永", "和", "汇", "晨", "益", "佳"];
    private static readonly string[] Trades =
        ["科技", "医疗器械", "贸易", "电子", "设备", "机械", "仪器", "自动化", "信息技术", "实业", "工程", "制药", "检测技术", "环保科技"];
    private static readonly string[] Forms = ["有限公司", "有限公司", "有限公司", "股份有限公司", "有限责任公司"];
    private static readonly string[] Surnames =
        ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁"];
    private static readonly string[] GivenSyllables =
        ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华"];
    private static readonly string[] MobilePrefixes = ["130", "133", "135", "136", "138", "139", "150", "151", "158", "170", "177", "180", "186", "188", "199"];
    private static readonly string[] Models = ["X200", "X300", "M10 Pro", "M20", "K5", "K7 Plus", "S900", "T100", "A8", "P60"];

    /// <summary>Adds <paramref name="customers"/> customers (1–3 contacts each) and <paramref name="devices"/> devices spread over them.</summary>
    public static async Task<List<LoadedCustomer>> LoadAsync(BenchHost host, int customers, int devices, Action<string> log)
    {
        var random = new Random(10);
        var transactions = host.Get<TransactionRunner>();
        var now = DateTimeOffset.UtcNow;
        var loaded = new List<LoadedCustomer>(customers);
        var firstSerial = new string?[customers];
        var ids = new Guid[customers];
        for (var start = 0; start < customers; start += Batch)
        {
            var rows = new List<CustomerRecord>();
            for (var i = start; i < Math.Min(customers, start + Batch); i++)
            {
                var (record, mobile) = Customer(random, now);
                ids[i] = record.Id;
                rows.Add(record);
                loaded.Add(new LoadedCustomer(record.Id, record.Name, mobile, ""));
            }
            await WriteAsync(transactions, $"bench customers from {start}", a => a.Customers.AddRange(rows));
            if (start / Batch % 5 == 4) log($"  {start + rows.Count:N0} customers");
        }
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        for (var start = 0; start < devices; start += Batch)
        {
            var rows = new List<DeviceRecord>();
            for (var i = start; i < Math.Min(devices, start + Batch); i++)
            {
                // Every customer gets one device first (so each can be named on an order), the rest at random.
                var owner = i < customers ? i : random.Next(customers);
                var serial = string.Create(CultureInfo.InvariantCulture, $"SN{i + 1:D9}");
                firstSerial[owner] ??= serial;
                var soldOn = today.AddDays(-random.Next(3 * 365));
                var months = random.Next(3) switch { 0 => 12, 1 => 24, _ => 36 };
                rows.Add(new DeviceRecord
                {
                    Id = Guid.CreateVersion7(now), CustomerId = ids[owner], Model = Models[random.Next(Models.Length)], Serial = serial,
                    SoldOn = soldOn, WarrantyMonths = months, WarrantyEndsOn = Warranty.EndsOn(soldOn, months), Status = DeviceStatus.InService,
                    CreatedAt = now,
                });
            }
            await WriteAsync(transactions, $"bench devices from {start}", a => a.Devices.AddRange(rows));
            if (start / Batch % 10 == 9) log($"  {start + rows.Count:N0} devices");
        }
        return loaded.Select((c, i) => c with { Serial = firstSerial[i] ?? "" }).ToList();
    }

    private static async Task WriteAsync(TransactionRunner transactions, string what, Action<AfterSalesDbContext> add) =>
        await transactions.RunAsync(what, async db =>
        {
            await using var a = await AfterSalesDbContext.OverAsync(db, CancellationToken.None);
            a.ChangeTracker.AutoDetectChangesEnabled = false;
            add(a);
            await a.SaveChangesAsync();
        }, CancellationToken.None);

    private static (CustomerRecord Record, string Mobile) Customer(Random random, DateTimeOffset now)
    {
        var name = Cities[random.Next(Cities.Length)] + Pick(random, BrandSyllables, 2) + Trades[random.Next(Trades.Length)] +
                   Forms[random.Next(Forms.Length)];
        var contacts = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => new ContactInput(
            Surnames[random.Next(Surnames.Length)] + Pick(random, GivenSyllables, 1 + random.Next(2)),
            random.Next(4) == 0 ? string.Create(CultureInfo.InvariantCulture, $"0571-{random.Next(10_000_000, 100_000_000)}") : null,
            MobilePrefixes[random.Next(MobilePrefixes.Length)] + random.Next(100_000_000).ToString("D8", CultureInfo.InvariantCulture), null)).ToList();
        var id = Guid.CreateVersion7(now);
        var record = new CustomerRecord
        {
            Id = id, Name = name, Category = random.Next(10) switch { 0 => CustomerCategory.Key.Name, < 4 => CustomerCategory.LongTerm.Name, _ => CustomerCategory.Regular.Name },
            CreatedAt = now, UpdatedAt = now, SearchText = CustomerRules.SearchText(name, contacts),
            Contacts = contacts.Select((c, i) => new ContactRecord
            {
                CustomerId = id, Position = i, Name = c.Name!, Phone = c.Phone, Mobile = c.Mobile,
            }).ToList(),
        };
        return (record, contacts[0].Mobile!);
    }

    private static string Pick(Random random, string[] syllables, int count) =>
        string.Concat(Enumerable.Range(0, count).Select(_ => syllables[random.Next(syllables.Length)]));
}
