using System.Text.Json;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tests.Mail.Support;

namespace WorkflowService.Runtime.Tests.Mail;

/// <summary>
/// The send task writes one Pending <c>email</c> row in its step, holding everything the sender
/// needs later: the mail describes the instance as it was when the step ran.
/// </summary>
public sealed class EmailPayloadTests : IAsyncLifetime
{
    private MailHarness _harness = null!;

    public Task InitializeAsync()
    {
        _harness = new MailHarness();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task The_send_task_writes_one_pending_email_row_handed_over_after_commit_and_sets_no_variables()
    {
        IReadOnlyDictionary<string, JsonElement>? output = null;
        var scope = await _harness.StepAsync(async s =>
            output = await _harness.Handler.HandleAsync(MailHarness.Context(s, [("to", "managers")]), CancellationToken.None));

        var row = Assert.Single(await _harness.OutboxRowsAsync());
        Assert.Equal([row.Id], scope.Effects.Outbox);
        Assert.Equal(7, row.Id.Version);
        Assert.Equal("email", row.Kind);
        Assert.Equal(OutboxStatus.Pending, row.Status);
        Assert.Equal(_harness.InstanceId, row.InstanceId);
        Assert.Equal(_harness.Clock.GetUtcNow(), row.CreatedAt);
        Assert.Equal(0, row.Attempts);
        Assert.Empty(output!);
    }

    [Fact]
    public async Task Recipients_may_be_comma_separated_text_or_lists_and_other_inputs_reach_the_template()
    {
        var id = await _harness.SendTaskAsync(("to", " managers ,li.wei,, boss@example.com,Managers"), ("cc", new[] { "chen.jie", "ann@example.com, li.wei" }),
            ("subject", "Repair late"), ("rule", "repair-turnaround"), ("units", 25), ("meta", new { region = "华东" }));

        var payload = _harness.Payload(await _harness.OutboxRowAsync(id));
        Assert.Equal(["managers", "li.wei", "boss@example.com"], payload.To);
        Assert.Equal(["chen.jie", "ann@example.com", "li.wei"], payload.Cc);
        Assert.Equal("Repair late", payload.Subject);
        Assert.Equal("repair-turnaround", payload.Rule);
        Assert.Equal(MailHarness.SendTaskId, payload.ElementId);
        Assert.Equal(["meta", "units"], payload.Inputs.Keys.Order());
        Assert.Equal(25, payload.Inputs["units"].GetInt32());
        Assert.Equal("华东", payload.Inputs["meta"].GetProperty("region").GetString());
    }

    [Fact]
    public async Task The_payload_snapshots_the_instance_and_its_variables()
    {
        var id = await _harness.SendTaskAsync(("to", "managers"));

        var payload = _harness.Payload(await _harness.OutboxRowAsync(id));
        Assert.Equal(new Runtime.Mail.MailInstance(_harness.InstanceId, "complaint", 3, "TS-2026-0042", "Complaint"),
            payload.Instance with { Names = null });
        Assert.Equal("投诉", payload.Instance.Names!["zh-CN"]); // the process's name in its other language, for the mail's reader
        Assert.Equal(MailHarness.Customer, payload.Variables["customer"].GetString());
        Assert.Equal(12, payload.Variables["units"].GetInt32());
        Assert.Equal($"https://ws.example.com/instances/{_harness.InstanceId}", payload.Link);
    }

    [Fact]
    public async Task The_open_tasks_are_listed_as_the_step_leaves_them_and_the_task_due_first_is_linked()
    {
        var added = Guid.CreateVersion7();
        var now = _harness.Clock.GetUtcNow();
        await _harness.StepAsync(async s =>
        {
            // In the same step: one task is closed, another created (not saved yet when the send task runs).
            var resolve = await s.Db.Tasks.FindAsync(_harness.ResolveTaskId);
            resolve!.Status = UserTaskStatus.Cancelled;
            s.Db.Tasks.Add(new TaskRecord
            {
                Id = added, InstanceId = _harness.InstanceId, LocalId = 9, DefinitionKey = "complaint", ElementId = "resolveEscalatedComplaint",
                Name = "Resolve escalated complaint", CandidateGroups = "managers,quality", DueAt = now.AddHours(1), CreatedAt = now,
                Status = UserTaskStatus.Open, Assignee = "wang.fang",
            });
            await _harness.Handler.HandleAsync(MailHarness.Context(s, [("to", "managers")]), CancellationToken.None);
        });

        var payload = _harness.Payload(Assert.Single(await _harness.OutboxRowsAsync()));
        Assert.Equal([_harness.CallBackTaskId, added], payload.Tasks.Select(t => t.Id));
        var first = payload.Task!;
        Assert.Equal(added, first.Id);
        Assert.Equal("Resolve escalated complaint", first.Name);
        Assert.Equal("resolveEscalatedComplaint", first.ElementId);
        Assert.Equal(now.AddHours(1), first.DueAt);
        Assert.Equal("wang.fang", first.Assignee);
        Assert.Equal(["managers", "quality"], first.CandidateGroups);
        Assert.Equal($"https://ws.example.com/tasks/{added}", first.Link);
    }

    [Fact]
    public async Task Without_open_tasks_the_payload_has_no_task()
    {
        await _harness.Database.WriteAsync(db =>
        {
            foreach (var t in db.Tasks) t.Status = UserTaskStatus.Completed;
        });

        var id = await _harness.SendTaskAsync(("to", "managers"));

        var payload = _harness.Payload(await _harness.OutboxRowAsync(id));
        Assert.Empty(payload.Tasks);
        Assert.Null(payload.Task);
    }
}
