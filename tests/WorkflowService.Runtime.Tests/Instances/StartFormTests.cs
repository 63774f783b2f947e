using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowService.Runtime.Definitions;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tests.Support;
using WorkflowService.Testing;

namespace WorkflowService.Runtime.Tests.Instances;

/// <summary>
/// A process's start form: what the catalog says is asked, and a start checked against it as a task completion is checked
/// against its task's form; a start that a program makes with facts of its own is asked only the rest.
/// </summary>
public sealed class StartFormTests(RealClockRuntime runtime) : IClassFixture<RealClockRuntime>
{
    private static string NewKey() => $"start-form-{Guid.NewGuid():N}"[..24];

    private static Dictionary<string, JsonElement> Values(object values) => RuntimeUser.Variables(values)!;

    [Fact]
    public async Task The_catalog_gives_the_start_form_of_the_newest_version()
    {
        var owner = runtime.As("owner");
        var key = await owner.DeployAsync(StartFormBpmn.Process(NewKey()));
        await owner.DeployAsync(StartFormBpmn.Process(key, """<camunda:formField id="visitOn" label="Visit on" type="date" />"""));

        var form = await runtime.Host.Get<DefinitionCatalog>().StartFormAsync(key);

        Assert.Equal(["fault", "units", "customer", "priority", "visitOn"], form.Select(f => f.Id));
        Assert.True(form[0].Required);
        Assert.Equal("1", form[1].Min);
    }

    [Fact]
    public async Task A_process_that_asks_nothing_has_an_empty_start_form_and_an_unknown_one_is_not_found()
    {
        var catalog = runtime.Host.Get<DefinitionCatalog>();

        Assert.Empty(await catalog.StartFormAsync("complaint"));
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => catalog.StartFormAsync("no-such-process"));
        Assert.Contains("no-such-process", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_start_is_refused_naming_each_field_and_nothing_is_started()
    {
        var owner = runtime.As("owner");
        var key = await owner.DeployAsync(StartFormBpmn.Process(NewKey()));
        var businessKey = Guid.NewGuid().ToString("N");

        var refused = await Assert.ThrowsAsync<ValidationException>(() => runtime.Host.Get<InstanceService>().StartAsync(key, businessKey,
            Values(new { units = "abc", customer = "ACME", priority = "urgent", color = "red" }), runtime.As("agent").Caller));

        Assert.Equal(
            [("fault", "required"), ("units", "type"), ("priority", "enum"), ("color", "unknown")],
            refused.Errors.Select(e => (e.Field!, e.Code!)));
        Assert.Contains("Units must be a whole number", refused.Errors[1].Message, StringComparison.Ordinal);
        Assert.False(await runtime.Host.ReadAsync(db => db.Instances.AnyAsync(i => i.DefinitionKey == key)));
    }

    [Fact]
    public async Task An_accepted_start_stores_the_answers_as_their_fields_types()
    {
        var agent = runtime.As("agent");
        var key = await runtime.As("owner").DeployAsync(StartFormBpmn.Process(NewKey()));

        var id = await agent.StartAsync(key, new { fault = "No display", units = "3", customer = "ACME", priority = "high" });

        var variables = (await agent.InstanceAsync(id)).State.Variables;
        Assert.Equal(JsonValueKind.Number, variables["units"].ValueKind);
        Assert.Equal(3, variables["units"].GetInt64());
        Assert.Equal("No display", variables["fault"].GetString());
        Assert.Single(await agent.TasksAsync(id));
    }

    [Fact]
    public async Task A_start_with_facts_of_its_own_is_not_asked_for_them_and_the_facts_win()
    {
        var agent = runtime.As("agent");
        var key = await runtime.As("owner").DeployAsync(StartFormBpmn.Process(NewKey()));

        // customer is required on the form, but the program starting sets it: the person is not asked for it.
        var started = await runtime.Host.Get<InstanceService>().StartWithAsync(key, agent.Caller,
            (_, _) => Task.FromResult(new StartInputs("WX-1", Values(new { customer = "From the records", units = 2 }),
                Values(new { fault = "Noisy fan", customer = "Typed by hand", units = "abc" }))),
            (_, _) => Task.CompletedTask);

        var variables = (await agent.InstanceAsync(started.Instance.Id)).State.Variables;
        Assert.Equal("From the records", variables["customer"].GetString());
        Assert.Equal(2, variables["units"].GetInt64());
        Assert.Equal("Noisy fan", variables["fault"].GetString());
    }

    [Fact]
    public async Task A_start_with_facts_still_refuses_the_persons_bad_answers_and_keeps_nothing_it_wrote()
    {
        var agent = runtime.As("agent");
        var key = await runtime.As("owner").DeployAsync(StartFormBpmn.Process(NewKey()));
        var group = $"start-form-{Guid.NewGuid():N}";

        var refused = await Assert.ThrowsAsync<ValidationException>(() => runtime.Host.Get<InstanceService>().StartWithAsync(key, agent.Caller,
            async (db, _) =>
            {
                db.Groups.Add(new GroupRecord { Name = group });
                await db.SaveChangesAsync();
                return new StartInputs("WX-2", Values(new { customer = "From the records" }), Values(new { units = "0" }));
            },
            (_, _) => Task.CompletedTask));

        Assert.Equal([("fault", "required"), ("units", "min")], refused.Errors.Select(e => (e.Field!, e.Code!)));
        Assert.False(await runtime.Host.ReadAsync(db => db.Instances.AnyAsync(i => i.DefinitionKey == key)));
        Assert.False(await runtime.Host.ReadAsync(db => db.Groups.AnyAsync(g => g.Name == group)));
    }

    [Fact]
    public async Task A_start_with_no_answers_given_is_still_checked_for_required_fields()
    {
        var agent = runtime.As("agent");
        var key = await runtime.As("owner").DeployAsync(StartFormBpmn.Process(NewKey()));

        var refused = await Assert.ThrowsAsync<ValidationException>(() => runtime.Host.Get<InstanceService>().StartWithAsync(key, agent.Caller,
            (_, _) => Task.FromResult(new StartInputs("WX-3", Values(new { fault = "Set by the program" }))),
            (_, _) => Task.CompletedTask));

        Assert.Equal([("customer", "required")], refused.Errors.Select(e => (e.Field!, e.Code!)));
    }
}
