using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Web.Auth;

/// <summary>
/// Pages sign in with a cookie; every path under <c>/api</c> authenticates only with
/// <c>Authorization: Bearer</c> tokens (issued by <c>POST /api/auth/token</c>), so a browser's
/// cookie can never drive the API (no cross-site request forgery through it), and an API caller
/// gets 401/403, never a login redirect. Tokens and cookies are protected by data
/// protection keys kept in the database, shared by every node.
/// </summary>
public static class AuthSetup
{
    public static readonly string BearerScheme = IdentityConstants.BearerScheme;
    private const string PagesOrBearer = "pages-or-bearer";

    public static void AddWorkflowAuth(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddDataProtection().SetApplicationName("WorkflowService").PersistKeysToDbContext<WorkflowDbContext>();

        services.AddIdentityCore<WorkflowUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<WorkflowDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = PagesOrBearer;
                o.DefaultChallengeScheme = PagesOrBearer;
            })
            .AddPolicyScheme(PagesOrBearer, "Cookie for pages, bearer token for the API", o =>
                o.ForwardDefaultSelector = ctx =>
                    ctx.Request.Path.StartsWithSegments("/api") ? BearerScheme : IdentityConstants.ApplicationScheme)
            .AddBearerToken(BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(8))
            .AddIdentityCookies(o => o.ApplicationCookie?.Configure(c =>
            {
                c.LoginPath = "/login";
                c.LogoutPath = "/logout";
                c.AccessDeniedPath = "/denied";
                c.Cookie.Name = "ws.auth";
                c.Cookie.HttpOnly = true;
                c.Cookie.SameSite = SameSiteMode.Strict;
                c.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                c.SlidingExpiration = true;
                c.ExpireTimeSpan = TimeSpan.FromHours(10);
            }));

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Staff, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.Designer, p => p.RequireRole(Roles.ProcessOwner, Roles.Admin))
            .AddPolicy(Policies.Supervisor, p => p.RequireRole(Roles.Manager, Roles.ProcessOwner, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.ExternalWorker, p => p.RequireRole(Roles.Worker, Roles.Admin));

        services.AddScoped<CallerFactory>();
        services.AddHostedService<UserBootstrap>();
    }
}
