using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using WorkflowService.Web.Auth;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Auth;

/// <summary>
/// The caller factory is scoped, and a scope (a SignalR hub's, or code acting for another user) can ask
/// for more than one principal: each must get its own name, groups and roles, never the first one asked for.
/// </summary>
public sealed class CallerFactoryTests(RealClockService service) : IClassFixture<RealClockService>
{
    [Fact]
    public async Task Two_principals_in_one_scope_each_get_their_own_caller()
    {
        using var scope = service.Host.Services.CreateScope();
        var callers = scope.ServiceProvider.GetRequiredService<CallerFactory>();

        var agent = await callers.GetAsync(Principal("agent", Roles.Agent), CancellationToken.None);
        var manager = await callers.GetAsync(Principal("manager", Roles.Manager), CancellationToken.None);

        Assert.Equal("agent", agent.UserName);
        Assert.Contains("hotline", agent.Groups);
        Assert.False(agent.SeesAllInstances);
        Assert.Equal("manager", manager.UserName);
        Assert.Contains("managers", manager.Groups);
        Assert.DoesNotContain("hotline", manager.Groups);
        Assert.True(manager.SeesAllInstances);
    }

    [Fact]
    public async Task The_same_principal_asked_for_twice_in_a_scope_gets_the_same_caller()
    {
        using var scope = service.Host.Services.CreateScope();
        var callers = scope.ServiceProvider.GetRequiredService<CallerFactory>();
        var agent = Principal("agent", Roles.Agent);

        Assert.Same(await callers.GetAsync(agent, CancellationToken.None), await callers.GetAsync(agent, CancellationToken.None));
    }

    private static ClaimsPrincipal Principal(string name, string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], "test"));
}
