using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using WorkflowService.Runtime.Groups;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Staff;

namespace WorkflowService.Web.Auth;

/// <summary><c>Bootstrap:*</c>: the first administrator.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";
    public string AdminUser { get; set; } = "admin";

    /// <summary>When empty, a password is generated and printed once, at the first start.</summary>
    public string? AdminPassword { get; set; }
}

/// <summary><c>Demo:*</c>: sample users and groups for trying the product (on in Development).</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";
    public bool Seed { get; set; }

    /// <summary>Password of every demo user.</summary>
    public string Password { get; set; } = "demo-password-1";
}

/// <summary>
/// Creates the roles, the groups the shipped processes name (<see cref="StandardGroups"/>), the first admin and (with <c>Demo:Seed</c>) one user per role with the
/// groups the shipped processes use. Idempotent: existing users are left as they are; nodes
/// starting together take turns.
/// </summary>
public sealed class UserBootstrap(
    IServiceScopeFactory scopes,
    ClusterLocks clusterLocks,
    GroupDirectory groups,
    IOptions<BootstrapOptions> bootstrap,
    IOptions<DemoOptions> demo,
    ILogger<UserBootstrap> logger) : IHostedService
{
    /// <summary>Demo users: name, display name, role, groups.</summary>
    public static readonly (string User, string Display, string Role, string[] Groups)[] DemoUsers =
    [
        ("owner", "Process owner 流程负责人", Roles.ProcessOwner, []),
        ("agent", "Agent 客服人员", Roles.Agent, ["agents", "hotline"]),
        ("agent2", "Agent 2 客服人员", Roles.Agent, ["agents", "hotline"]),
        ("desk", "Service desk 客服中心副经理", Roles.DeputyManager, ["service-desk"]),
        ("engineer", "Engineer 售后服务工程师", Roles.Engineer, ["engineers"]),
        ("warehouse", "Warehouse 仓储部", Roles.Warehouse, ["warehouse"]),
        ("finance", "Finance 财务部", Roles.Finance, ["finance"]),
        ("manager", "Manager 售后服务经理", Roles.Manager, ["managers"]),
        ("gm", "General manager 总经理", Roles.GeneralManager, ["general-managers"]),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Nodes starting together on an empty database would each create the same roles, users and
        // group members, and all but one would fail to start: one node at a time.
        await using var oneNodeAtATime = await clusterLocks.AcquireAsync("user-bootstrap", cancellationToken);
        using var scope = scopes.CreateScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkflowUser>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role)) Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
        }

        foreach (var (group, display) in StandardGroups.All) await groups.EnsureGroupAsync(group, display, cancellationToken);

        var admin = bootstrap.Value;
        if (await users.FindByNameAsync(admin.AdminUser) is null)
        {
            var generated = string.IsNullOrEmpty(admin.AdminPassword);
            var password = generated ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)) + "7" : admin.AdminPassword!;
            // A generated password was shown on the console: its reader must replace it at the first sign-in.
            await CreateAsync(users, admin.AdminUser, "Administrator", password, Roles.Admin, mustChangePassword: generated);
            if (generated)
                Console.WriteLine($"Created administrator '{admin.AdminUser}' with the generated password: {password}\n" +
                                  "It is shown only this once: sign in and keep it, or set Bootstrap:AdminPassword.");
        }

        if (!demo.Value.Seed) return;
        foreach (var (user, display, role, memberOf) in DemoUsers)
        {
            if (await users.FindByNameAsync(user) is null) await CreateAsync(users, user, display, demo.Value.Password, role);
            foreach (var group in memberOf) await groups.AddMemberAsync(group, user, ct: cancellationToken);
        }
        if (logger.IsEnabled(LogLevel.Information)) logger.DemoUsersReady(string.Join(", ", DemoUsers.Select(d => d.User)));
    }

    private static async Task CreateAsync(UserManager<WorkflowUser> users, string name, string display, string password, string role,
        bool mustChangePassword = false)
    {
        var user = new WorkflowUser
        {
            UserName = name, DisplayName = display, Email = $"{name}@example.com", EmailConfirmed = true, MustChangePassword = mustChangePassword,
        };
        Check(await users.CreateAsync(user, password), $"user {name}");
        Check(await users.AddToRoleAsync(user, role), $"role {role} for {name}");
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not create {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
