using Microsoft.Net.Http.Headers;

namespace WorkflowService.Web;

/// <summary>
/// Headers every response carries, whatever answered it (a page, the error page, a redirect, a static
/// bundle, the API, the Hangfire dashboard): no content sniffing, and no framing by another site, so a
/// signed-in task form cannot be laid under a stranger's page (clickjacking). They are added when the
/// response starts, so they survive the exception handler clearing the headers of a failed request, and
/// a header that an endpoint has set itself is left as it is.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// What the pages need and nothing more. Styles may be inline: bpmn-js and the layout set style
    /// attributes. Fonts and images may be data: URLs: esbuild inlines the bundles' fonts and SVGs
    /// (ClientApp/build.mjs) and Bootstrap draws its icons as data: SVGs. 'self' in connect-src covers
    /// the same-origin ws:/wss: of SignalR (CSP Level 3). There is no script-src (and so no default-src,
    /// which it would fall back to): the layout's language switch has an inline onchange handler and
    /// /api-docs an inline script, and allowing them with 'unsafe-inline' would make the directive
    /// pointless. The browser tests fail on any violation of this policy.
    /// </summary>
    public const string ContentSecurityPolicy =
        "frame-ancestors 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "connect-src 'self'; " +
        "img-src 'self' data:; " +
        "font-src 'self' data:; " +
        "style-src 'self' 'unsafe-inline'";

    /// <summary>Goes first in the pipeline, so that every response, errors included, gets the headers.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            http.Response.OnStarting(AddMissing, http.Response);
            return next(http);
        });

    private static Task AddMissing(object state)
    {
        var headers = ((HttpResponse)state).Headers;
        headers.TryAdd(HeaderNames.XContentTypeOptions, "nosniff");
        // For browsers older than frame-ancestors; the antiforgery token sets the same value itself.
        headers.TryAdd(HeaderNames.XFrameOptions, "SAMEORIGIN");
        headers.TryAdd(HeaderNames.ContentSecurityPolicy, ContentSecurityPolicy);
        return Task.CompletedTask;
    }
}
