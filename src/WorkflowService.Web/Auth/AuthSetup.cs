using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Web.Auth;

/// <summary>
/// Pages sign in with a cookie; every path under <c>/api</c> authenticates only with
/// <c>Authorization: Bearer</c> tokens (issued by <c>POST /api/auth/token</c>), so a browser's
/// cookie can never drive the API (no cross-site request forgery through it), and an API caller
/// gets 401/403, never a login redirect. So does a page's script (fetch, XHR): only a browser
/// navigating is redirected to the sign-in or access-denied page. Tokens and cookies are protected
/// by data protection keys kept in the database, shared by every node.
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
            .AddSignInManager<UniformTimingSignInManager>()
            .AddClaimsPrincipalFactory<WorkflowClaimsFactory>()
            .AddDefaultTokenProviders();

        // A page cookie is checked against the user's security stamp on every request, not every 30
        // minutes: signing out (which changes the stamp) ends every copy of the session at once.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = PagesOrBearer;
                o.DefaultChallengeScheme = PagesOrBearer;
            })
            .AddPolicyScheme(PagesOrBearer, "Cookie for pages, bearer token for the API", o =>
                o.ForwardDefaultSelector = ctx =>
                    RequestKind.IsApi(ctx.Request.Path) ? BearerScheme : IdentityConstants.ApplicationScheme)
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
                c.Events.OnRedirectToLogin = StatusForScripts(c.Events.OnRedirectToLogin, StatusCodes.Status401Unauthorized);
                c.Events.OnRedirectToAccessDenied = StatusForScripts(c.Events.OnRedirectToAccessDenied, StatusCodes.Status403Forbidden);
            }));

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Staff, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.Designer, p => p.RequireRole(Roles.ProcessOwner, Roles.Admin))
            .AddPolicy(Policies.Supervisor, p => p.RequireRole(Roles.Manager, Roles.ProcessOwner, Roles.Admin))
            .AddPolicy(Policies.LateWork, p => p.RequireRole(Roles.Manager, Roles.DeputyManager, Roles.GeneralManager, Roles.ProcessOwner, Roles.Admin))
            .AddPolicy(Policies.Desk, p => p.RequireRole(Roles.Agent, Roles.DeputyManager, Roles.Manager, Roles.Admin))
            .AddPolicy(Policies.Devices, p => p.RequireRole(Roles.Agent, Roles.DeputyManager, Roles.Manager, Roles.Admin, Roles.Engineer,
                Roles.Warehouse))
            .AddPolicy(Policies.Reports, p => p.RequireRole(Policies.ReportReaders))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.ExternalWorker, p => p.RequireRole(Roles.Worker, Roles.Admin));

        services.AddScoped<CallerFactory>();
        services.AddHostedService<UserBootstrap>();
    }

    /// <summary>
    /// A page's script that wants no HTML (<see cref="RequestKind.WantsHtml"/>: fetch asking for JSON)
    /// gets <paramref name="status"/>: it would follow a redirect and take the sign-in page's HTML,
    /// with 200, for its answer. Everything else goes to <paramref name="redirect"/>, ASP.NET Core's
    /// own event, which redirects a browser and answers XHR and its API-like endpoints (the SignalR
    /// hub) with the status already.
    /// </summary>
    private static Func<RedirectContext<CookieAuthenticationOptions>, Task> StatusForScripts(
        Func<RedirectContext<CookieAuthenticationOptions>, Task> redirect, int status) => context =>
    {
        if (RequestKind.WantsHtml(context.Request)) return redirect(context);
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    };
}
