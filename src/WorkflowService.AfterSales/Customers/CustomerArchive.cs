using Microsoft.EntityFrameworkCore;
using WorkflowService.AfterSales.Persistence;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tasks;

namespace WorkflowService.AfterSales.Customers;

/// <summary>
/// The customer archive (客户档案) and the devices' after-sales files (售后服务档案): add, change, find customers
/// by a fragment of a name or a phone number, register the devices sold to them with their warranty.
/// </summary>
public sealed class CustomerArchive(
    WorkflowDbFactory dbFactory,
    TransactionRunner transactions,
    DepartmentDay day,
    TimeProvider clock,
    RevisitPlanner revisits,
    InstanceService instances,
    InstanceCatalog catalog,
    CustomerCalls calls)
{
    /// <summary>The most customers a search answers with.</summary>
    public const int SearchLimit = 50;

    public async Task<Guid> CreateAsync(CustomerInput input, CancellationToken ct = default)
    {
        CustomerRules.ThrowIfAny(CustomerRules.Check(input), "The customer was not added");
        var now = clock.GetUtcNow();
        var customer = new CustomerRecord
        {
            Id = Guid.CreateVersion7(now), Name = input.Name!.Trim(), Category = CustomerCategory.Find(input.Category)!.Name, CreatedAt = now,
        };
        Apply(customer, input, now);
        await WriteAsync($"new customer {customer.Name}", async a =>
        {
            a.Customers.Add(customer);
            CustomerSearch.IndexNew(a, customer);
            await a.SaveChangesAsync(ct);
        }, ct);
        await revisits.FollowAsync(null, customer, ct);
        return customer.Id;
    }

    /// <summary>
    /// Replaces a customer's fields and contacts. With <paramref name="revision"/> (what the editor read), a change
    /// made by someone else in between is a 409 rather than silently overwritten.
    /// </summary>
    public async Task UpdateAsync(Guid id, CustomerInput input, int? revision, CancellationToken ct = default)
    {
        CustomerRules.ThrowIfAny(CustomerRules.Check(input), "The customer was not changed");
        CustomerRecord? before = null, after = null;
        await WriteAsync($"customer {id}", async a =>
        {
            var customer = await a.Customers.Include(c => c.Contacts).SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw NoCustomer(id);
            if (revision is { } expected && expected != customer.Revision)
                throw new ConflictException($"{customer.Name} was changed by someone else meanwhile: reload it and make the change again");
            before = new CustomerRecord
            {
                Id = customer.Id, Name = customer.Name, Category = customer.Category, AnchorDate = customer.AnchorDate, CreatedAt = customer.CreatedAt,
            };
            after = customer;
            a.Contacts.RemoveRange(customer.Contacts);
            customer.Contacts.Clear();
            customer.Name = input.Name!.Trim();
            customer.Category = CustomerCategory.Find(input.Category)!.Name;
            Apply(customer, input, clock.GetUtcNow());
            customer.Revision++;
            await CustomerSearch.IndexAsync(a, [customer], ct);
            await a.SaveChangesAsync(ct);
        }, ct);
        if (before!.Category != after!.Category || before.AnchorDate != after.AnchorDate) await revisits.FollowAsync(before, after, ct);
    }

    /// <summary>
    /// Customers whose name, contact name or phone number holds <paramref name="query"/> (a phone number is compared
    /// by its digits: "138-0013" finds 13800138000), by name; at most <see cref="SearchLimit"/>. The same customers as
    /// <see cref="Matching"/> finds, read through the search grams (<see cref="CustomerSearch"/>).
    /// </summary>
    public async Task<IReadOnlyList<CustomerSummary>> SearchAsync(string? query, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        await using var a = await AfterSalesDbContext.OverAsync(db, ct);
        var found = await (await CustomerSearch.FirstAsync(a, query, SearchLimit, ct))
            .Select(c => new { c.Id, c.Name, c.Category }).ToListAsync(ct);
        var ids = found.Select(c => c.Id).ToList();
        var contacts = (await a.Contacts.AsNoTracking().Where(c => ids.Contains(c.CustomerId)).OrderBy(c => c.Position).ToListAsync(ct))
            .ToLookup(c => c.CustomerId);
        return found.Select(c => new CustomerSummary(c.Id, c.Name, c.Category, contacts[c.Id].Select(ToView).ToList())).ToList();
    }

    /// <summary>The customers a search for <paramref name="query"/> finds (what the search and the export show).</summary>
    internal static IQueryable<CustomerRecord> Matching(IQueryable<CustomerRecord> customers, string? query)
    {
        if (SearchGrams.Needle(query) is not { } needle) return customers;
        return customers.Where(c => c.SearchText.Contains(needle));
    }

    public async Task<CustomerDetails> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        await using var a = await AfterSalesDbContext.OverAsync(db, ct);
        var customer = await a.Customers.AsNoTracking().Include(c => c.Contacts).SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw NoCustomer(id);
        var devices = await a.Devices.AsNoTracking().Where(d => d.CustomerId == id).OrderBy(d => d.Model).ThenBy(d => d.Serial).ToListAsync(ct);
        var orders = await a.Orders.AsNoTracking().Where(o => o.CustomerId == id).OrderByDescending(o => o.CreatedAt).Take(500)
            .ToListAsync(ct);
        var today = day.Today;
        var contacts = customer.Contacts.OrderBy(c => c.Position).Select(ToView).ToList();
        return new CustomerDetails(customer.Id, customer.Name, customer.Category, customer.Address, customer.AnchorDate, customer.Notes,
            contacts, devices.Select(d => ToView(d, today)).ToList(), orders.Select(ToSummary).ToList(), customer.Revision,
            await calls.OfAsync(contacts, ct));
    }

    /// <summary>
    /// The scores the customer gave over time, oldest first: the <c>satisfaction</c> answer (1–5) of their orders'
    /// surveys (the orders of <paramref name="customer"/>, as read with it) and of their revisits, dated when the process
    /// ended (or started, while it runs).
    /// </summary>
    public async Task<IReadOnlyList<SatisfactionScore>> SatisfactionAsync(CustomerDetails customer, CancellationToken ct = default)
    {
        var revisitPrefix = RevisitPlanner.Key(customer.Id, DateOnly.MinValue)[..^8];
        var revisitHeaders = await catalog.WithKeyPrefixAsync(RevisitPlanner.ProcessKey, revisitPrefix, ct);
        var orderHeaders = await instances.ListByIdsAsync([.. customer.Orders.Select(o => o.InstanceId)], ct);
        var headers = orderHeaders.Concat(revisitHeaders).ToDictionary(h => h.Id);
        var variables = await instances.VariablesAsync(headers.Keys.ToList(), Caller.System, ct);
        var numbers = customer.Orders.ToDictionary(o => o.InstanceId, o => o.Number);
        var scores = new List<SatisfactionScore>();
        foreach (var (id, vars) in variables)
        {
            if (!vars.TryGetValue("satisfaction", out var value) || !TryScore(value, out var score)) continue;
            var header = headers[id];
            var order = numbers.GetValueOrDefault(id);
            scores.Add(new SatisfactionScore(header.EndedAt ?? header.StartedAt, score, order, order is null ? "revisit" : header.DefinitionKey));
        }
        return scores.OrderBy(s => s.At).ToList();
    }

    private static bool TryScore(System.Text.Json.JsonElement value, out int score)
    {
        score = 0;
        var text = value.ValueKind switch
        {
            System.Text.Json.JsonValueKind.String => value.GetString(),
            System.Text.Json.JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out score)
               && score is >= 1 and <= 5;
    }

    /// <summary>Registers a device sold to a customer; 409 when its serial is registered already (to anyone).</summary>
    public async Task<DeviceView> AddDeviceAsync(Guid customerId, DeviceInput input, CancellationToken ct = default)
    {
        CustomerRules.ThrowIfAny(CustomerRules.Check(input), "The device was not added");
        var serial = CustomerRules.NormalizeSerial(input.Serial!);
        var now = clock.GetUtcNow();
        var device = new DeviceRecord
        {
            Id = Guid.CreateVersion7(now), CustomerId = customerId, Model = input.Model!.Trim(), Serial = serial, SoldOn = input.SoldOn!.Value,
            WarrantyMonths = input.WarrantyMonths!.Value, WarrantyEndsOn = Warranty.EndsOn(input.SoldOn.Value, input.WarrantyMonths.Value),
            Status = DeviceStatus.InService, CreatedAt = now,
        };
        // A serial registered between the check and the insert is found on the next attempt: a 409 then too.
        await WriteAsync($"device {serial}", async a =>
        {
            if (!await a.Customers.AnyAsync(c => c.Id == customerId, ct)) throw NoCustomer(customerId);
            if (await a.Devices.AnyAsync(d => d.Serial == serial, ct))
                throw new ConflictException($"A device with serial {serial} is registered already: find it under GET /api/devices/{serial}");
            a.Devices.Add(device);
            await a.SaveChangesAsync(ct);
        }, ct, TransientErrors.Default | TransientErrors.UniqueKeyRace);
        return ToView(device, day.Today);
    }

    public async Task<DeviceDetails> GetDeviceAsync(string serial, CancellationToken ct = default)
    {
        var normalized = CustomerRules.NormalizeSerial(serial);
        await using var db = dbFactory.Create();
        await using var a = await AfterSalesDbContext.OverAsync(db, ct);
        var device = await a.Devices.AsNoTracking().SingleOrDefaultAsync(d => d.Serial == normalized, ct)
                     ?? throw new NotFoundException($"No device with serial {normalized}");
        var customer = await a.Customers.AsNoTracking().Include(c => c.Contacts).SingleAsync(c => c.Id == device.CustomerId, ct);
        var orders = await a.Orders.AsNoTracking().Where(o => o.Devices.Any(d => d.DeviceId == device.Id)).OrderByDescending(o => o.CreatedAt)
            .ToListAsync(ct);
        return new DeviceDetails(ToView(device, day.Today),
            new CustomerSummary(customer.Id, customer.Name, customer.Category, customer.Contacts.OrderBy(c => c.Position).Select(ToView).ToList()),
            orders.Select(ToSummary).ToList());
    }

    private Task WriteAsync(string what, Func<AfterSalesDbContext, Task> work, CancellationToken ct,
        TransientErrors retryOn = TransientErrors.Default) =>
        transactions.RunAsync(what, async db =>
        {
            await using var a = await AfterSalesDbContext.OverAsync(db, ct);
            await work(a);
        }, ct, retryOn);

    private static void Apply(CustomerRecord customer, CustomerInput input, DateTimeOffset now)
    {
        customer.Address = Trimmed(input.Address);
        customer.AnchorDate = input.AnchorDate;
        customer.Notes = Trimmed(input.Notes);
        customer.UpdatedAt = now;
        var contacts = input.Contacts ?? [];
        customer.Contacts.AddRange(contacts.Select((c, i) => new ContactRecord
        {
            CustomerId = customer.Id, Position = i, Name = c.Name!.Trim(), Phone = Trimmed(c.Phone), Mobile = Trimmed(c.Mobile), Email = Trimmed(c.Email),
        }));
        customer.SearchText = CustomerRules.SearchText(customer.Name, contacts);
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static ContactView ToView(ContactRecord c) => new(c.Name, c.Phone, c.Mobile, c.Email);

    internal static DeviceView ToView(DeviceRecord d, DateOnly today) => new(d.Id, d.CustomerId, d.Model, d.Serial, d.SoldOn, d.WarrantyMonths,
        d.WarrantyEndsOn, Warranty.Covers(d.SoldOn, d.WarrantyEndsOn, today), d.Status);

    internal static OrderSummary ToSummary(WorkOrderRecord o) =>
        new(o.Number, o.Type, o.CustomerId, o.InstanceId, o.ReceivedAt, o.CreatedAt, o.CreatedBy, o.Units, o.InWarranty);

    private static NotFoundException NoCustomer(Guid id) => new($"No customer {id}");
}
