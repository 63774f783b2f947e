using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tests.Support;

namespace WorkflowService.Runtime.Tests.Instances;

/// <summary>
/// A start that another record goes with (a work order): the business key and variables are decided inside the
/// start's transaction, and if anything of it fails, neither the instance nor what the caller wrote is kept.
/// </summary>
public sealed class StartWithCompanionTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task The_key_and_variables_decided_inside_the_transaction_are_the_instances_and_the_companion_sees_its_id()
    {
        var agent = service.As("agent");
        Guid? seen = null;

        var started = await service.Host.Get<InstanceService>().StartWithAsync("complaint", agent.Caller,
            (_, now) => Task.FromResult(new StartInputs($"CO-{now:HHmmssfff}", new Dictionary<string, JsonElement>
            {
                ["customer"] = JsonSerializer.SerializeToElement("Companion Ltd"),
            })),
            (_, instance) =>
            {
                seen = instance.Id;
                return Task.CompletedTask;
            });

        Assert.Equal(started.Instance.Id, seen);
        Assert.StartsWith("CO-", started.Instance.BusinessKey, StringComparison.Ordinal);
        Assert.Equal("Companion Ltd", (await agent.InstanceAsync(started.Instance.Id)).State.Variables["customer"].GetString());
    }

    [Fact]
    public async Task When_the_companion_fails_neither_the_instance_nor_what_the_inputs_wrote_is_kept()
    {
        var agent = service.As("agent");
        var key = $"rollback-{Guid.NewGuid():N}";

        await Assert.ThrowsAsync<InvalidOperationException>(() => service.Host.Get<InstanceService>().StartWithAsync("complaint", agent.Caller,
            async (db, _) =>
            {
                db.Groups.Add(new GroupRecord { Name = key });
                await db.SaveChangesAsync();
                return new StartInputs(key, null);
            },
            (_, _) => throw new InvalidOperationException("the work order could not be written")));

        Assert.False(await service.Host.ReadAsync(db => db.Instances.AnyAsync(i => i.BusinessKey == key)));
        Assert.False(await service.Host.ReadAsync(db => db.Groups.AnyAsync(g => g.Name == key)));
        Assert.False(await service.Host.ReadAsync(db => db.Tasks.AnyAsync(t => t.BusinessKey == key)));
    }
}
