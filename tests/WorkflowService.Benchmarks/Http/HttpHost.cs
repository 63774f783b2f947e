using System.Net.Http.Json;
using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkflowService.Runtime.Groups;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Benchmarks.Runtime;
using WorkflowService.Testing;
using WorkflowService.Web;
using WorkflowService.Web.Api;
using WorkflowService.Web.Auth;

namespace WorkflowService.Benchmarks.Http;

/// <summary>
/// The whole service composed as <c>Program.cs</c> composes it (as the <c>runtime</c> suite's BenchHost does), listening on a
/// real Kestrel port on 127.0.0.1, on a SQLite file in a temp folder. Two things only the benchmark adds, beside the product:
/// a web root in the temp folder with one small file (the product's bundles are built by npm and may be absent), and
/// endpoints under <c>/bench</c> and <c>/api/bench</c> that do nothing, so a cell can isolate what the pipeline, the bearer
/// token with its per-request checks, and the caller's group look-up cost without a step.
/// </summary>
internal sealed class HttpHost : IAsyncDisposable
{
    /// <summary>A service-desk agent (role Agent, group service-desk): acceptRequest is offered to their group.</summary>
    public const string DeskUser = "desk";
    private const string DeskPassword = "bench-desk-password-1";

    public const string SmallFile = "/small.txt";
    public const string Empty = "/bench/empty";
    /// <summary>Authenticated by the bearer token and checked by the access gate; asks for no caller.</summary>
    public const string SignedIn = "/api/bench/signed-in";
    /// <summary>As <see cref="SignedIn"/>, plus the caller (the user's groups), as every task and instance endpoint binds it.</summary>
    public const string WithCaller = "/api/bench/caller";

    private readonly WebApplication _app;

    private HttpHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }
    public T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();
    public WorkflowDbContext Db() => Get<WorkflowDbFactory>().Create();

    public static async Task<HttpHost> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string?> settings)
    {
        var webRoot = Path.Combine(dataDirectory, "wwwroot");
        Directory.CreateDirectory(webRoot);
        // 1 KB of text: small enough that the pipeline, not the copy, is what a request costs.
        await File.WriteAllTextAsync(Path.Combine(webRoot, SmallFile.TrimStart('/')), new string('x', 1023) + "\n");
        var builder = BenchHost.CreateBuilder(dataDirectory, settings, webRoot);
        var app = builder.Build();
        app.UseWorkflowWeb();
        app.MapGet(Empty, () => TypedResults.Ok()).AllowAnonymous().ExcludeFromDescription();
        app.MapGet(SignedIn, () => TypedResults.Ok()).ExcludeFromDescription();
        app.MapGet(WithCaller, (SignedInCaller caller) => TypedResults.Ok(caller.Value.Groups.Count)).ExcludeFromDescription();
        await app.StartAsync();
        GlobalConfiguration.Configuration.UseLogProvider(new AspNetCoreLogProvider(BenchHost.HangfireLogs));
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var host = new HttpHost(app, new Uri(address));
        await host.CreateDeskUserAsync();
        return host;
    }

    /// <summary>A real user, as the staff page creates one: the API client signs in as them.</summary>
    private async Task CreateDeskUserAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkflowUser>>();
        var user = new WorkflowUser { UserName = DeskUser, DisplayName = "Desk Agent", Email = "desk@example.com", EmailConfirmed = true };
        Check(await users.CreateAsync(user, DeskPassword));
        Check(await users.AddToRoleAsync(user, Roles.Agent));
        await Get<GroupDirectory>().AddMemberAsync("service-desk", DeskUser);
    }

    /// <summary>A bearer token for the desk user, the way an API client gets one: <c>POST /api/auth/token</c>.</summary>
    public async Task<string> TokenAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/api/auth/token", new { userName = DeskUser, password = DeskPassword });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<TokenBody>();
        return body?.AccessToken ?? throw new InvalidOperationException("No access token in the answer");
    }

    private sealed record TokenBody(string AccessToken);

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
