using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.Web.Auth;
using WorkflowService.Web.Hotline;

namespace WorkflowService.Web.Pages.Hotline;

/// <summary>
/// The ringing banner's server side, for signed-in pages (cookie and antiforgery, unlike the
/// bearer-only API): the calls ringing for me, and Answer.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class CallsModel(CallDesk desk, CallerFactory callers) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        new JsonResult(await desk.RingingForAsync(await callers.GetAsync(User, ct), ct));

    /// <summary>
    /// 200 <c>{ next }</c>: this user answered, go to the call's logCall task; 409 <c>{ takenBy, missed }</c>:
    /// someone was first or the caller hung up.
    /// </summary>
    public async Task<IActionResult> OnPostAnswerAsync(Guid taskId, CancellationToken ct)
    {
        var result = await desk.AnswerAsync(await callers.GetAsync(User, ct), taskId, ct);
        return result switch
        {
            AnswerResult.Answered a => new JsonResult(new
            {
                next = a.LogTaskId is { } logTask ? $"/tasks/{logTask}" : $"/instances/{a.InstanceId}",
            }),
            AnswerResult.Taken t => new JsonResult(new { takenBy = t.By, missed = false }) { StatusCode = StatusCodes.Status409Conflict },
            _ => new JsonResult(new { takenBy = (string?)null, missed = true }) { StatusCode = StatusCodes.Status409Conflict },
        };
    }
}
