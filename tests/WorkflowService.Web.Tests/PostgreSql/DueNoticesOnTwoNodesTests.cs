using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WorkflowService.Runtime.Mail;
using WorkflowService.Runtime.Notifications.Personal;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.PostgreSql;

/// <summary>
/// The due sweep runs every minute on every node. PostgreSQL lets two transactions both find a task nobody has been
/// told of yet; the sweep's lock and the notices' unique key keep each person's notice, and its mail, once-only.
/// </summary>
public sealed class DueNoticesOnTwoNodesTests(PostgreSqlNodes nodes) : IClassFixture<PostgreSqlNodes>
{
    private const int Runs = 8;

    [SkippableFact]
    public async Task Two_nodes_sweeping_at_once_tell_each_person_of_an_overdue_task_once_and_mail_it_once()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(1));
        var (a, b) = (await nodes.StartNodeAsync(clock), await nodes.StartNodeAsync(clock));
        var id = await a.StartAsync("repair", "PG-OVERDUE", new { customer = "PG-OVERDUE", units = 1, inWarranty = true });
        var task = await a.OpenTaskAsync(id, "acceptRequest"); // due in a day, offered to the service desk
        clock.Advance(TimeSpan.FromHours(25));

        var written = await Task.WhenAll(Enumerable.Range(0, Runs)
            .Select(i => Task.Run(() => (i % 2 == 0 ? a : b).Services.GetRequiredService<DueNoticeSweep>().RunAsync(CancellationToken.None))));

        var notices = await a.ReadAsync(db => db.PersonalNotifications.Where(n => n.TaskId == task).Select(n => new { n.UserName, n.Kind }).ToListAsync());
        Assert.Equal([("desk", PersonalEvents.TaskOverdue)], notices.Select(n => (n.UserName, n.Kind)));
        var mails = (await a.ReadAsync(db => db.Outbox.Where(o => o.InstanceId == id).Select(o => o.PayloadJson).ToListAsync()))
            .Select(MailPayload.Deserialize).Where(p => p.Template == PersonalEvents.TaskOverdue).ToList();
        Assert.Single(mails);
        Assert.Equal(1, written.Sum()); // the only open task of a fresh database: one notice, by one run
    }
}
