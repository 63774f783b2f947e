using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace WorkflowService.Web.Pages;

/// <summary>
/// The error page (see <see cref="ErrorHandling"/>): the failed request is re-executed here as it
/// came, so the page has no handler and renders for any method (a failed form post arrives as a
/// POST), and checks no antiforgery token (the request may have had none, or its form may be read
/// already; the page changes nothing). It explains the status the failure set: 500 for a bug, or
/// that of a response without a body (404, the 400 of an expired form...).
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    /// <summary>The status being explained: 500 when the page is opened on its own.</summary>
    public int Status => Response.StatusCode >= StatusCodes.Status400BadRequest ? Response.StatusCode : StatusCodes.Status500InternalServerError;

    /// <summary>What the log line of the failure carries, for the user to quote.</summary>
    public string RequestId => Activity.Current?.Id ?? HttpContext.TraceIdentifier;
}
