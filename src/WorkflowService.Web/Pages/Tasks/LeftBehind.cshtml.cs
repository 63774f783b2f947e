using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Staff;
using WorkflowService.Runtime.Tasks;
using WorkflowService.Web.Auth;
using WorkflowService.Web.Localization;

namespace WorkflowService.Web.Pages.Tasks;

/// <summary>
/// Work left behind by people who were disabled (assigned to them, or offered to them alone), for a manager to hand
/// on to someone who works here. A refusal (the person just left too, the task was finished meanwhile) is shown on
/// the page, with the list as it is now.
/// </summary>
[Authorize(Policy = Policies.Supervisor)]
public sealed class LeftBehindModel(StaffDirectory staff, TaskService tasks, CallerFactory callers, T t) : PageModel
{
    public IReadOnlyList<TaskView> Tasks { get; private set; } = [];
    public IReadOnlyList<(string UserName, string? DisplayName)> People { get; private set; } = [];

    /// <summary>What the last hand-on did or why it was refused.</summary>
    public string? Message { get; private set; }
    public bool Failed { get; private set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(Guid taskId, string? userName, CancellationToken ct)
    {
        try
        {
            var task = await tasks.AssignAsync(await callers.GetAsync(User, ct), taskId, userName, ct);
            Message = task.Assignee;
        }
        catch (Exception ex) when (ex is ValidationException or NotFoundException or ConflictException)
        {
            // In the reader's language where the refusal names its field and code (a person unknown or disabled).
            (Message, Failed) = (ex is ValidationException { Errors.Count: > 0 } invalid
                ? string.Join(" ", invalid.Errors.Select(e => FormRefusals.Describe(t, e)))
                : FormRefusals.Describe(t, (WorkflowRequestException)ex), true);
            Response.StatusCode = ex is NotFoundException ? StatusCodes.Status404NotFound
                : ex is ConflictException ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Tasks = await staff.WorkLeftBehindAsync(ct);
        People = await staff.EnabledPeopleAsync(ct);
    }
}
