using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowService.AfterSales.Persistence;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.AfterSales.Customers;

/// <summary>
/// Keeps the revisits of long-term (yearly) and key (half-yearly) customers on a fixed rhythm from their anchor date:
/// the k-th revisit is due on anchor + k periods, whenever the one before was done, so a late revisit never pushes
/// the next one later. Each revisit is one instance of the revisit process (<see cref="ProcessKey"/>), started
/// <see cref="AfterSalesOptions.RevisitLeadDays"/> ahead of its due date, once (its business key names the customer
/// and the date); not done by the end of its due day, it is a breach of <c>revisit-due</c>. Runs daily, and for one
/// customer when they are added or changed: a new category or anchor date cancels the revisits of the old rhythm.
/// </summary>
public sealed class RevisitPlanner(
    WorkflowDbFactory dbFactory,
    InstanceService instances,
    DepartmentDay day,
    IOptions<AfterSalesOptions> options,
    ILogger<RevisitPlanner> logger)
{
    public const string ProcessKey = "customer-revisit";

    /// <summary>The k-th due date (k ≥ 1) of a rhythm: counted from the anchor each time, so month ends do not creep.</summary>
    public static DateOnly DueDate(DateOnly anchor, int months, int k) => anchor.AddMonths(k * months);

    /// <summary>The first due date of the rhythm on or after <paramref name="day"/>.</summary>
    public static DateOnly NextDue(DateOnly anchor, int months, DateOnly day) => DueDate(anchor, months, NextIndex(anchor, months, day));

    /// <summary>The k of <see cref="NextDue"/>.</summary>
    private static int NextIndex(DateOnly anchor, int months, DateOnly day)
    {
        var k = Math.Max(1, ((((day.Year - anchor.Year) * 12) + day.Month - anchor.Month) / months) - 1);
        while (DueDate(anchor, months, k) < day) k++;
        return k;
    }

    /// <summary>The business key of a customer's revisit due on a date.</summary>
    public static string Key(Guid customerId, DateOnly due) =>
        string.Create(CultureInfo.InvariantCulture, $"RV-{customerId:N}-{due:yyyyMMdd}");

    /// <summary>
    /// Every customer's next revisit that falls within the lead time; returns how many were started. A customer whose
    /// revisit cannot be started is logged and passed over, so the others still get theirs; the run then fails, naming how
    /// many, so the job shows as failed and is tried again (starting a revisit twice starts it once).
    /// </summary>
    public async Task<int> PlanAsync(CancellationToken ct = default)
    {
        List<CustomerRecord> customers;
        await using (var db = dbFactory.Create())
        await using (var a = await AfterSalesDbContext.OverAsync(db, ct))
        {
            var rhythmic = CustomerCategory.All.Where(c => c.RevisitMonths is not null).Select(c => c.Name).ToList();
            customers = await a.Customers.AsNoTracking().Where(c => rhythmic.Contains(c.Category)).ToListAsync(ct);
        }
        var (started, failed) = (0, 0);
        foreach (var customer in customers)
        {
            try
            {
                if (await PlanCustomerAsync(customer, ct)) started++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failed++;
                logger.RevisitNotPlanned(ex, customer.Name, customer.Id);
            }
        }
        if (started > 0) logger.RevisitsStarted(started);
        if (failed > 0)
            throw new InvalidOperationException($"The revisits of {failed} customer(s) could not be planned (see the log); {started} were started");
        return started;
    }

    /// <summary>
    /// After a customer's category or anchor changed: the open revisits of the old rhythm that the new one does not
    /// have are cancelled, and the new rhythm's next revisit is started if it is due within the lead time.
    /// </summary>
    public async Task RescheduleAsync(CustomerRecord before, CustomerRecord after, CancellationToken ct = default)
    {
        var newKey = NextKey(after);
        foreach (var key in RecentKeys(before).Where(k => k != newKey))
        {
            if (await instances.FindAsync(ProcessKey, key, ct) is { Status: "Running" } open)
                await instances.CancelAsync(open.Id, SystemActors.System, $"{after.Name}: revisits rescheduled ({after.Category})", ct);
        }
        await PlanCustomerAsync(after, ct);
    }

    /// <summary>
    /// For a customer just saved: <see cref="PlanCustomerAsync"/> or, after a change of rhythm, <see cref="RescheduleAsync"/>.
    /// The customer is saved already, so a failure here is logged, not thrown: the caller's change stands, and the nightly
    /// run (<see cref="PlanAsync"/>) starts the revisit that is due.
    /// </summary>
    internal async Task FollowAsync(CustomerRecord? before, CustomerRecord after, CancellationToken ct)
    {
        try
        {
            if (before is null) await PlanCustomerAsync(after, ct);
            else await RescheduleAsync(before, after, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.RevisitNotPlanned(ex, after.Name, after.Id);
        }
    }

    /// <summary>Starts the customer's next revisit if it is due within the lead time (a new customer has no other to cancel).</summary>
    internal async Task<bool> PlanCustomerAsync(CustomerRecord customer, CancellationToken ct)
    {
        if (Rhythm(customer) is not var (anchor, months)) return false;
        var today = day.Today;
        var due = NextDue(anchor, months, today);
        if (today < due.AddDays(-options.Value.RevisitLeadDays)) return false;
        // Due by the end of the department's due day.
        var dueAt = day.StartOf(due.AddDays(1));
        var (_, started) = await instances.StartOnceAsync(ProcessKey, Key(customer.Id, due), new Dictionary<string, JsonElement>
        {
            ["customerId"] = JsonSerializer.SerializeToElement(customer.Id.ToString()),
            ["customer"] = JsonSerializer.SerializeToElement(customer.Name),
            ["category"] = JsonSerializer.SerializeToElement(customer.Category),
            ["revisitDue"] = JsonSerializer.SerializeToElement(dueAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)),
        }, SystemActors.System, ct);
        return started;
    }

    private string? NextKey(CustomerRecord customer) =>
        Rhythm(customer) is var (anchor, months) ? Key(customer.Id, NextDue(anchor, months, day.Today)) : null;

    /// <summary>The keys of the revisits a rhythm may have open now: the next one and the two before it (late ones).</summary>
    private IEnumerable<string> RecentKeys(CustomerRecord customer)
    {
        if (Rhythm(customer) is not var (anchor, months)) yield break;
        var next = NextIndex(anchor, months, day.Today);
        for (var k = next; k >= Math.Max(1, next - 2); k--) yield return Key(customer.Id, DueDate(anchor, months, k));
    }

    private (DateOnly Anchor, int Months)? Rhythm(CustomerRecord customer) =>
        CustomerCategory.Find(customer.Category)?.RevisitMonths is { } months
            ? (customer.AnchorDate ?? day.Of(customer.CreatedAt), months)
            : null;
}

internal static partial class RevisitLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Started {Count} customer revisit(s)")]
    public static partial void RevisitsStarted(this ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The revisits of customer {Name} ({CustomerId}) could not be planned; the nightly run tries again")]
    public static partial void RevisitNotPlanned(this ILogger logger, Exception ex, string name, Guid customerId);
}
