using Microsoft.Net.Http.Headers;

namespace WorkflowService.Web;

/// <summary>
/// Who a request is for: a program (the REST API and the health check, answered with status codes
/// and problem details) or a person's browser (pages), and, among a browser's requests, whether it
/// is navigating (wants a page) or is a script of the page (fetch, XHR) that wants data.
/// </summary>
public static class RequestKind
{
    private static readonly MediaTypeHeaderValue Html = new("text/html");

    /// <summary>The REST API: bearer tokens only, never the cookie (see <see cref="Auth.AuthSetup"/>).</summary>
    public static bool IsApi(PathString path) => path.StartsWithSegments("/api");

    /// <summary>Paths that programs call: the API and the health check. Their errors are problem details, never pages.</summary>
    public static bool IsForPrograms(PathString path) => IsApi(path) || path.StartsWithSegments("/healthz");

    /// <summary>
    /// The request would take an HTML page for an answer: it says nothing about what it accepts, or
    /// accepts <c>text/html</c> (a browser navigating sends <c>text/html,...,*/*;q=0.8</c>). A script
    /// that asks for JSON, or says <c>X-Requested-With: XMLHttpRequest</c> (jQuery, the SignalR
    /// client), does not.
    /// </summary>
    public static bool WantsHtml(HttpRequest request)
    {
        if (request.Headers.XRequestedWith == "XMLHttpRequest") return false;
        var accept = request.GetTypedHeaders().Accept;
        return accept.Count == 0 || accept.Any(a => a.Quality != 0 && Html.IsSubsetOf(a));
    }
}
