using System.Text.Json.Serialization;
using Hangfire;
using Microsoft.AspNetCore.Authorization;
using WorkflowService.AfterSales;
using WorkflowService.Runtime;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Web.Api;
using WorkflowService.Web.Auth;
using WorkflowService.Web.Hotline;
using WorkflowService.Web.Hubs;
using WorkflowService.Web.Localization;
using WorkflowService.Runtime.Instances;

namespace WorkflowService.Web;

public static class WorkflowWebExtensions
{
    /// <summary>The whole service: runtime, authentication, API, pages.</summary>
    public static WebApplicationBuilder AddWorkflowWeb(this WebApplicationBuilder builder)
    {
        builder.AddWorkflowRuntime();
        builder.AddAfterSales();
        builder.AddWorkflowAuth();
        var services = builder.Services;
        services.AddOptions<BootstrapOptions>().Bind(builder.Configuration.GetSection(BootstrapOptions.Section));
        services.AddOptions<DemoOptions>().Bind(builder.Configuration.GetSection(DemoOptions.Section));

        services.AddWorkflowErrorHandling();
        services.AddClientAssets();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        services.AddOpenApi();
        // Tagged "ready": the readiness check asks the database, the liveness check nothing (HealthEndpoints).
        services.AddHealthChecks().AddDbContextCheck<WorkflowDbContext>("database", tags: [HealthEndpoints.Ready]);
        // Chinese text is written as itself, not as &#x...; codes (still HTML-encoded where it matters).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorPages(o =>
        {
            o.Conventions.AllowAnonymousToPage("/Login");
            o.Conventions.AllowAnonymousToPage("/Denied");
            o.Conventions.AllowAnonymousToPage("/Culture");
            o.Conventions.AllowAnonymousToPage("/Error");
        });
        services.AddSingleton<Texts>();
        services.AddScoped<T>();
        services.AddScoped<ProcessNames>();
        services.AddSignalR();
        services.AddSingleton<HubAccessWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<HubAccessWatch>());
        services.AddSingleton<SignalRNotifier>();
        builder.AddHotline();
        services.AddSingleton<Notifications.NotificationBell>();
        services.AddSingleton<Runtime.Notifications.Personal.IPersonalNoticePusher>(sp => sp.GetRequiredService<Notifications.NotificationBell>());
        services.AddSingleton<IWorkflowNotifier>(sp => new NotifierFanOut(
            [sp.GetRequiredService<SignalRNotifier>(), sp.GetRequiredService<HotlineNotifier>(), sp.GetRequiredService<Notifications.NotificationBell>()],
            sp.GetRequiredService<ILogger<NotifierFanOut>>()));
        services.AddAntiforgery(o => o.HeaderName = "RequestVerificationToken");
        services.AddListExports();
        return builder;
    }

    public static WebApplication UseWorkflowWeb(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseWorkflowErrorHandling();
        app.UseClientAssets(app.Environment);
        app.UseRequestLocalization(o =>
        {
            o.SetDefaultCulture("en");
            o.SupportedCultures = o.SupportedUICultures = Texts.Supported;
            o.FallBackToParentUICultures = true;
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<AccessGate>();
        app.UseAuthorization();
        app.UseAntiforgery();

        HealthEndpoints.Map(app);
        app.MapAuthApi();
        app.MapDefinitionsApi();
        app.MapInstancesApi();
        app.MapTasksApi();
        app.MapMessagesApi();
        app.MapBreachesApi();
        app.MapReportsApi();
        app.MapLedgerApi();
        app.MapStaffApi();
        app.MapAccountApi();
        app.MapRecordsApi();
        app.MapExternalTasksApi();
        app.MapTelephonyApi();
        app.MapCalendarsApi();
        app.MapRosterApi();
        app.MapListExportsApi();
        app.MapNotificationsApi();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapGet("/api-docs", () => Results.Content(ApiReferencePage, "text/html")).ExcludeFromDescription();
        app.MapHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [], AppPath = "/" })
            .RequireAuthorization(Policies.Admin);
        app.MapRazorPages();
        // A connection ends when the sign-in that opened it expires: no task news for someone who has lost access.
        app.MapHub<WorkflowHub>("/hubs/workflow", o => o.CloseOnAuthenticationExpiration = true);
        return app;
    }

    /// <summary>
    /// A self-contained API reference over the OpenAPI document (no scripts from elsewhere: the
    /// service may run without internet access).
    /// </summary>
    private const string ApiReferencePage = """
        <!doctype html><html><head><meta charset="utf-8"><title>WorkflowService API</title>
        <style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}code{background:#f3f3f3;padding:0 .2rem}
        .op{border-left:4px solid #0b6;padding:.3rem .8rem;margin:.6rem 0}.m{font-weight:bold;display:inline-block;width:4rem}</style>
        </head><body><h1>WorkflowService REST API</h1>
        <p>Every call needs <code>Authorization: Bearer &lt;token&gt;</code> from <code>POST /api/auth/token</code>,
        except the PBX webhook <code>POST /api/telephony/events</code>, which takes the <code>X-Telephony-Secret</code> header instead.
        Errors are <code>application/problem+json</code>. The machine-readable document: <a href="/openapi/v1.json">/openapi/v1.json</a>.</p>
        <div id="ops">Loading…</div>
        <script>
        fetch('/openapi/v1.json').then(r => r.json()).then(doc => {
          const ops = document.getElementById('ops'); ops.textContent = '';
          for (const [path, item] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(item)) {
            const div = document.createElement('div'); div.className = 'op';
            const m = document.createElement('span'); m.className = 'm'; m.textContent = method.toUpperCase();
            const p = document.createElement('code'); p.textContent = path;
            const s = document.createElement('div'); s.textContent = op.summary || '';
            div.append(m, p, s); ops.append(div);
          }
        });
        </script></body></html>
        """;
}
