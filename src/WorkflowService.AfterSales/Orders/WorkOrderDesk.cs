using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;
using WorkflowService.AfterSales.Customers;
using WorkflowService.AfterSales.Persistence;
using WorkflowService.Engine.Execution;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tasks;

namespace WorkflowService.AfterSales.Orders;

/// <param name="Variables">What the process's start form asked; the order's own facts (number, customer, devices,
/// warranty, received-at) are set by the desk and override anything sent under their names.</param>
/// <param name="ReceivedAt">When the request reached the centre (a call's time); now when not given.</param>
public sealed record OpenOrderRequest(string? Type, Guid? CustomerId, IReadOnlyList<string>? Serials, int? Units,
    IReadOnlyDictionary<string, JsonElement>? Variables, string? CallId, DateTimeOffset? ReceivedAt);

/// <param name="Existing">The call had opened this order already: nothing new was started.</param>
public sealed record OrderOpened(string Number, Guid InstanceId, bool Existing = false);

/// <summary>
/// One thing that happened to an order: a step of its process (<c>step</c>), a breach (<c>breach</c>), a slip attached
/// (<c>slip</c>), an email its process sent or is sending (<c>email</c>: What is the subject or template, By the
/// recipients, Detail the outbox status), its fees settled (<c>fees</c>: Detail lists them).
/// </summary>
public sealed record TimelineEntry(DateTimeOffset At, string Kind, string What, string? By, string? Detail);

/// <summary>An order as the desk reads it: the record, its customer and devices, where its process stands, who has it.</summary>
/// <param name="Slip">The latest repair slip attached (<see cref="RepairSlips"/>): the order is signed only with one.</param>
/// <param name="Fees">The <see cref="OrderFees.VariableNames"/> its process has set, in that order; empty before.</param>
public sealed record OrderDetails(OrderSummary Order, CustomerSummary Customer, IReadOnlyList<DeviceView> Devices, string Status,
    IReadOnlyList<string> Responsible, IReadOnlyList<TimelineEntry> Timeline, SlipView? Slip = null,
    IReadOnlyDictionary<string, JsonElement>? Fees = null)
{
    public bool IsSigned => Slip is not null;
}

/// <summary>
/// Opens work orders (服务单): checks the request against the records, draws the day's next number, and starts the
/// type's process with the order's facts as variables, the order row and the instance in one transaction (never
/// one without the other; a refused start leaves no number used). Reads an order with its process's timeline.
/// </summary>
public sealed class WorkOrderDesk(
    WorkflowDbFactory dbFactory,
    InstanceService instances,
    TaskService tasks,
    InstanceCatalog catalog,
    DepartmentDay day,
    IOptions<AfterSalesOptions> options)
{
    /// <summary>
    /// The variables the desk sets from the records on every order: a start form field of one of these names is not
    /// asked of the person (a page leaves it out), and what was sent under it is overridden.
    /// </summary>
    public static readonly IReadOnlySet<string> FactNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "orderNumber", "customerId", "customer", "contactPerson", "contactPhone", "model", "serial", "units", "inWarranty", "receivedAt",
    };

    /// <summary>Most units one order may cover.</summary>
    public const int MaxUnits = 100_000;

    /// <summary>
    /// Opens an order and starts its process. From a hotline call (<see cref="OpenOrderRequest.CallId"/>, the PBX's call
    /// id) the request was received when the call came in, and one call opens one order: asked again (the agent's
    /// page sent twice, a retry after a lost answer), the order it opened is answered, with nothing new started.
    /// </summary>
    public async Task<OrderOpened> OpenAsync(Caller caller, OpenOrderRequest request, CancellationToken ct = default)
    {
        if (request.CallId is { Length: > 0 } callId)
        {
            if (await OrderOfCallAsync(callId, ct) is { } existing) return existing;
            var call = await instances.FindAsync(options.Value.CallProcess, callId, ct)
                       ?? throw new ValidationException($"callId: there is no hotline call {callId}",
                           [new($"callId: there is no hotline call {callId}", "callId", "unknown")]);
            request = request with { ReceivedAt = call.StartedAt };
        }
        try
        {
            return await StartAsync(caller, request, ct);
        }
        catch (DbUpdateException) when (request.CallId is { Length: > 0 })
        {
            // Two requests for one call at once: the other one's order stands (the unique index on the call kept this one out).
            if (await OrderOfCallAsync(request.CallId, ct) is { } first) return first;
            throw;
        }
    }

    private async Task<OrderOpened> StartAsync(Caller caller, OpenOrderRequest request, CancellationToken ct)
    {
        var (type, customer, devices, units) = await CheckAsync(request, ct);
        var today = day.Today;
        var inWarranty = devices.Count > 0 && devices.All(d => Warranty.Covers(d.SoldOn, d.WarrantyEndsOn, today));
        string? number = null;
        var started = await instances.StartWithAsync(type.ProcessKey, caller,
            async (db, now) =>
            {
                var receivedAt = request.ReceivedAt ?? now;
                number = await OrderNumbers.NextAsync(db, type, day.Of(now), ct);
                // The person's answers are checked against the start form; the order's facts are the desk's, never refused.
                return new StartInputs(number, Facts(number, customer, devices, units, inWarranty, receivedAt),
                    request.Variables ?? new Dictionary<string, JsonElement>());
            },
            async (db, instance) =>
            {
                await using var a = await AfterSalesDbContext.OverAsync(db, ct);
                a.Orders.Add(new WorkOrderRecord
                {
                    Number = number!, Type = type.Name, CustomerId = customer.Id, InstanceId = instance.Id, DefinitionKey = instance.DefinitionKey,
                    ReceivedAt = request.ReceivedAt ?? instance.StartedAt, CreatedAt = instance.StartedAt, CreatedBy = caller.UserName, Units = units,
                    InWarranty = inWarranty, CallId = request.CallId,
                    Devices = devices.Select(d => new WorkOrderDeviceRecord { OrderNumber = number!, DeviceId = d.Id }).ToList(),
                });
                await a.SaveChangesAsync(ct);
            }, ct);
        return new OrderOpened(started.Instance.BusinessKey!, started.Instance.Id);
    }

    private async Task<OrderOpened?> OrderOfCallAsync(string callId, CancellationToken ct)
    {
        await using var db = dbFactory.Create();
        await using var a = await AfterSalesDbContext.OverAsync(db, ct);
        return await a.Orders.AsNoTracking().Where(o => o.CallId == callId).Select(o => new OrderOpened(o.Number, o.InstanceId, true))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Orders, newest first, each with its process's status; <paramref name="status"/> (Running, Completed, Cancelled,
    /// Failed) keeps those whose process stands there, read a batch at a time so that paging stays exact.
    /// </summary>
    public async Task<IReadOnlyList<OrderSummary>> ListAsync(Guid? customerId, string? type, DateOnly? from, DateOnly? to, int skip, int take,
        string? status = null, CancellationToken ct = default)
    {
        var wanted = string.IsNullOrWhiteSpace(status) ? null
            : InstanceStatus.All.FirstOrDefault(s => string.Equals(s.Name, status.Trim(), StringComparison.OrdinalIgnoreCase)).Name
              ?? throw new ValidationException($"status '{status}' is not a process status",
                  [new($"status '{status}' is not one of {string.Join(", ", InstanceStatus.All.Select(s => s.Name))}", "status", "unknown")]);
        (skip, take) = (Math.Max(0, skip), Math.Clamp(take, 1, 500));
        await using var db = dbFactory.Create();
        await using var a = await AfterSalesDbContext.OverAsync(db, ct);
        var orders = Filter(a, customerId, type, from, to).OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Number);
        if (wanted is null)
        {
            var page = await orders.Skip(skip).Take(take).ToListAsync(ct);
            var statuses = await catalog.StatusesAsync([.. page.Select(o => o.InstanceId)], ct);
            return page.Select(o => CustomerArchive.ToSummary(o) with { Status = statuses.GetValueOrDefault(o.InstanceId) }).ToList();
        }
        const int Batch = 500;
        var matching = new List<OrderSummary>();
        for (var offset = 0; matching.Count < skip + take; offset += Batch)
        {
            var batch = await orders.Skip(offset).Take(Batch).ToListAsync(ct);
            var statuses = await catalog.StatusesAsync([.. batch.Select(o => o.InstanceId)], ct);
            matching.AddRange(batch.Where(o => statuses.GetValueOrDefault(o.InstanceId) == wanted)
                .Select(o => CustomerArchive.ToSummary(o) with { Status = wanted }));
            if (batch.Count < Batch) break;
        }
        return matching.Skip(skip).Take(take).ToList();
    }

    /// <summary>The orders of a customer, a type and the department's days from/to (what the list and the export show).</summary>
    internal IQueryable<WorkOrderRecord> Filter(AfterSalesDbContext a, Guid? customerId, string? type, DateOnly? from, DateOnly? to)
    {
        var orders = a.Orders.AsNoTracking();
        if (customerId is { } c) orders = orders.Where(o => o.CustomerId == c);
        if (!string.IsNullOrWhiteSpace(type))
        {
            var name = (OrderType.Find(type) ?? throw new ValidationException($"type '{type}' is not an order type",
                [new($"type '{type}' is not one of {string.Join(", ", OrderType.All.Select(t => t.Name))}", "type", "unknown")])).Name;
            orders = orders.Where(o => o.Type == name);
        }
        // Days are the department's; the bounds are compared as instants.
        if (from is { } f) orders = orders.Where(o => o.CreatedAt >= StartOf(f));
        if (to is { } t) orders = orders.Where(o => o.CreatedAt < day.EndOf(t));
        return orders;
    }

    public async Task<OrderDetails> GetAsync(string number, CancellationToken ct = default)
    {
        WorkOrderRecord order;
        CustomerRecord customer;
        List<DeviceRecord> devices;
        List<SlipRecord> slips;
        var wanted = number.Trim().ToUpperInvariant();
        await using (var db = dbFactory.Create())
        await using (var a = await AfterSalesDbContext.OverAsync(db, ct))
        {
            order = await a.Orders.AsNoTracking().Include(o => o.Devices).SingleOrDefaultAsync(o => o.Number == wanted, ct)
                    ?? throw new NotFoundException($"No work order {number}");
            customer = await a.Customers.AsNoTracking().Include(c => c.Contacts).SingleAsync(c => c.Id == order.CustomerId, ct);
            var ids = order.Devices.Select(d => d.DeviceId).ToList();
            devices = await a.Devices.AsNoTracking().Where(d => ids.Contains(d.Id)).ToListAsync(ct);
            slips = await a.Slips.AsNoTracking().Where(s => s.OrderNumber == wanted).ToListAsync(ct);
        }
        // The order's readers are the department: its process is read whoever started it.
        var instance = await instances.GetAsync(order.InstanceId, Caller.System, ct);
        var history = await instances.HistoryAsync(order.InstanceId, Caller.System, ct);
        var breaches = await instances.BreachesAsync(order.InstanceId, null, 0, 500, ct);
        var open = await tasks.QueryAsync(Caller.System, new TaskQuery { InstanceId = order.InstanceId, Take = 100 }, ct);
        var mails = await catalog.OutboxOfAsync(order.InstanceId, ct);
        var fees = OrderFees.Of(instance.State.Variables);
        var timeline = history.Select(h => new TimelineEntry(h.At, "step", h.ElementName ?? h.ElementId, h.By, h.Event))
            .Concat(breaches.Select(b => new TimelineEntry(b.DetectedAt, "breach", b.Rule, b.Responsible ?? b.ResponsibleGroup, b.ElementId)))
            .Concat(slips.Select(s => new TimelineEntry(s.AttachedAt, "slip", s.Kind, s.AttachedBy, s.ContentType)))
            .Concat(mails.Select(m => new TimelineEntry(m.SentAt ?? m.CreatedAt, m.Kind, m.Subject ?? m.Template ?? m.Kind,
                m.To.Count == 0 ? null : string.Join(", ", m.To), m.Status)))
            .Concat(OrderFees.Entry(fees, history) is { } settled ? [settled] : [])
            .OrderBy(e => e.At).ToList();
        var responsible = open.Select(t => t.Assignee ?? string.Join(", ", t.CandidateGroups.Concat(t.CandidateUsers))).Distinct().ToList();
        var today = day.Today;
        return new OrderDetails(CustomerArchive.ToSummary(order),
            new CustomerSummary(customer.Id, customer.Name, customer.Category,
                customer.Contacts.OrderBy(c => c.Position).Select(c => new ContactView(c.Name, c.Phone, c.Mobile, c.Email)).ToList()),
            devices.Select(d => CustomerArchive.ToView(d, today)).ToList(), instance.Instance.Status, responsible, timeline,
            slips.OrderByDescending(s => s.AttachedAt).Select(RepairSlips.ToView).FirstOrDefault(), fees);
    }

    private DateTimeOffset StartOf(DateOnly date) => day.StartOf(date);

    /// <summary>
    /// The order's reads, compiled: they are short, and translating their LINQ on every order cost about as much as
    /// running them. One set per provider's context type, since a compiled query runs only against the model it was
    /// compiled for (EF Core refuses another).
    /// </summary>
    private static class Reads<TContext> where TContext : AfterSalesDbContext
    {
        public static readonly Func<TContext, Guid, CancellationToken, Task<CustomerRecord?>> Customer =
            EF.CompileAsyncQuery((TContext a, Guid id, CancellationToken _) => a.Customers.AsNoTracking().Include(c => c.Contacts).SingleOrDefault(c => c.Id == id));

        public static readonly Func<TContext, List<string>, IAsyncEnumerable<DeviceRecord>> Devices =
            EF.CompileAsyncQuery((TContext a, List<string> serials) => a.Devices.AsNoTracking().Where(d => serials.Contains(d.Serial)));
    }

    private static Task<CustomerRecord?> CustomerWithContacts(AfterSalesDbContext a, Guid id, CancellationToken ct) => a switch
    {
        SqliteAfterSalesDbContext s => Reads<SqliteAfterSalesDbContext>.Customer(s, id, ct),
        PostgreSqlAfterSalesDbContext p => Reads<PostgreSqlAfterSalesDbContext>.Customer(p, id, ct),
        _ => throw new NotSupportedException(a.GetType().Name),
    };

    private static IAsyncEnumerable<DeviceRecord> DevicesBySerial(AfterSalesDbContext a, List<string> serials) => a switch
    {
        SqliteAfterSalesDbContext s => Reads<SqliteAfterSalesDbContext>.Devices(s, serials),
        PostgreSqlAfterSalesDbContext p => Reads<PostgreSqlAfterSalesDbContext>.Devices(p, serials),
        _ => throw new NotSupportedException(a.GetType().Name),
    };

    private async Task<(OrderType Type, CustomerRecord Customer, List<DeviceRecord> Devices, int Units)> CheckAsync(OpenOrderRequest request,
        CancellationToken ct)
    {
        var errors = new List<ValidationError>();
        var type = OrderType.Find(request.Type);
        if (type is null)
            errors.Add(new($"type '{request.Type}' is not one of {string.Join(", ", OrderType.All.Select(t => t.Name))}", "type", "unknown"));
        if (request.CustomerId is null) errors.Add(new("customerId is required: find or add the customer first", "customerId", "required"));
        if (request.Units is < 1 or > MaxUnits) errors.Add(new($"units must be 1 to {MaxUnits}", "units", "out-of-range"));
        var serials = (request.Serials ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Select(CustomerRules.NormalizeSerial).Distinct().ToList();
        CustomerRecord? customer = null;
        var devices = new List<DeviceRecord>();
        if (request.CustomerId is { } id)
        {
            await using var db = dbFactory.Create();
            await using var a = await AfterSalesDbContext.OverAsync(db, ct);
            customer = await CustomerWithContacts(a, id, ct);
            if (customer is null) errors.Add(new($"customerId: there is no customer {id}", "customerId", "unknown"));
            if (serials.Count > 0) await foreach (var device in DevicesBySerial(a, serials).WithCancellation(ct)) devices.Add(device);
            for (var i = 0; i < serials.Count; i++)
            {
                var device = devices.FirstOrDefault(d => d.Serial == serials[i]);
                if (device is null) errors.Add(new($"serials[{i}]: no device {serials[i]} is registered", $"serials[{i}]", "unknown"));
                else if (customer is not null && device.CustomerId != customer.Id)
                    errors.Add(new($"serials[{i}]: device {serials[i]} belongs to another customer", $"serials[{i}]", "other-customer"));
            }
        }
        CustomerRules.ThrowIfAny(errors, "The order was not opened");
        return (type!, customer!, devices, request.Units ?? Math.Max(1, devices.Count));
    }

    private static Dictionary<string, JsonElement> Facts(string number, CustomerRecord customer,
        List<DeviceRecord> devices, int units, bool inWarranty, DateTimeOffset receivedAt)
    {
        var variables = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var contact = customer.Contacts.OrderBy(c => c.Position).FirstOrDefault();
        variables["orderNumber"] = JsonSerializer.SerializeToElement(number);
        variables["customerId"] = JsonSerializer.SerializeToElement(customer.Id.ToString());
        variables["customer"] = JsonSerializer.SerializeToElement(customer.Name);
        variables["contactPerson"] = JsonSerializer.SerializeToElement(contact?.Name);
        variables["contactPhone"] = JsonSerializer.SerializeToElement(contact?.Mobile ?? contact?.Phone);
        variables["model"] = JsonSerializer.SerializeToElement(devices.Count == 0 ? null : string.Join(", ", devices.Select(d => d.Model).Distinct()));
        variables["serial"] = JsonSerializer.SerializeToElement(devices.Count == 0 ? null : string.Join(", ", devices.Select(d => d.Serial)));
        variables["units"] = JsonSerializer.SerializeToElement(units);
        variables["inWarranty"] = JsonSerializer.SerializeToElement(inWarranty);
        variables["receivedAt"] = JsonSerializer.SerializeToElement(receivedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        System.Diagnostics.Debug.Assert(variables.Keys.All(FactNames.Contains), "FactNames lists every fact");
        return variables;
    }
}
