using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tasks;
using WorkflowService.Web.Auth;
using WorkflowService.Web.Hotline;
using WorkflowService.Web.Localization;
using WorkflowService.Web.Tasks;

namespace WorkflowService.Web.Pages;

/// <summary>
/// One task: its form (built from the BPMN form fields), claim, unclaim and complete, and the
/// instance's history. The runtime validates; a refused submit comes back with each error next
/// to its field and everything typed still in the inputs (status 400). A task the user may not
/// see is a 404; one a colleague took or finished meanwhile is a 409 that says so.
/// </summary>
public sealed class TaskModel(
    TaskService tasks,
    InstanceService instances,
    CallerFactory callers,
    T t,
    TimeProvider clock,
    ILogger<TaskModel> logger) : PageModel
{
    public TaskDetails? Details { get; private set; }
    public IReadOnlyList<FormInput> Inputs { get; private set; } = [];

    /// <summary>Refused values that belong to no input of the form.</summary>
    public IReadOnlyList<string> FormErrors { get; private set; } = [];
    public bool Refused { get; private set; }
    public IReadOnlyList<InstanceHistoryEntry> History { get; private set; } = [];
    public SlaState Sla { get; private set; }

    /// <summary>Set instead of <see cref="Details"/> when the task is gone from the user (claimed by another, completed).</summary>
    public string? Conflict { get; private set; }
    public string UserName => User.Identity?.Name ?? "";
    public TaskView Task => Details!.Task;
    public bool IsOpen => Task.Status == UserTaskStatus.Open;
    public bool IsCompleted => Task.Status == UserTaskStatus.Completed;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var caller = await callers.GetAsync(User, ct);
        try
        {
            await LoadAsync(caller, id, null, [], ct);
            return Page();
        }
        catch (NotFoundException)
        {
            return await RefusedAsync(caller, id, ct);
        }
    }

    public Task<IActionResult> OnPostClaimAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, caller => tasks.ClaimAsync(caller, id, ct), ct);

    public Task<IActionResult> OnPostUnclaimAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, caller => tasks.UnclaimAsync(caller, id, ct), ct);

    public async Task<IActionResult> OnPostCompleteAsync(Guid id, CancellationToken ct)
    {
        var caller = await callers.GetAsync(User, ct);
        var posted = TaskForm.Posted(Request.Form);
        try
        {
            await tasks.CompleteAsync(caller, id, TaskForm.Submission(posted), ct);
        }
        catch (ValidationException refused)
        {
            logger.TaskValuesRefused(id, refused.Errors.Count, caller.UserName);
            try
            {
                await LoadAsync(caller, id, posted, refused.Errors, ct);
            }
            catch (NotFoundException)
            {
                return await RefusedAsync(caller, id, ct);
            }
            Refused = true;
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }
        catch (Exception ex) when (ex is NotFoundException or ConflictException)
        {
            return await RefusedAsync(caller, id, ct);
        }
        return LocalRedirect(await NextAsync(caller, id, ct) ?? $"/tasks/{id}");
    }

    /// <summary>A hotline call logged as a request leads on to opening its work order; other tasks show themselves again.</summary>
    private async Task<string?> NextAsync(Caller caller, Guid id, CancellationToken ct)
    {
        try
        {
            return CallOrders.NewOrderUrl(await tasks.GetAsync(caller, id, ct));
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    /// <summary>Claim or unclaim, then back to the page (post/redirect/get, so a reload does not post again).</summary>
    private async Task<IActionResult> ChangeAsync(Guid id, Func<Caller, Task<TaskView>> change, CancellationToken ct)
    {
        var caller = await callers.GetAsync(User, ct);
        try
        {
            await change(caller);
        }
        catch (Exception ex) when (ex is NotFoundException or ConflictException)
        {
            return await RefusedAsync(caller, id, ct);
        }
        return LocalRedirect($"/tasks/{id}");
    }

    private async Task LoadAsync(Caller caller, Guid id, IReadOnlyDictionary<string, string>? posted,
        IReadOnlyList<ValidationError> errors, CancellationToken ct)
    {
        Details = await tasks.GetAsync(caller, id, ct);
        var fields = Details.Form;
        Inputs = TaskForm.Inputs(fields, posted, errors, (field, error) => FormErrorText.Describe(t, field, error));
        var declared = fields.Select(f => f.Field.Id).ToHashSet(StringComparer.Ordinal);
        FormErrors = [.. errors.Where(e => e.Field is null || !declared.Contains(e.Field)).Select(e => FormErrorText.Describe(t, null, e))];
        History = await instances.HistoryAsync(Details.Task.InstanceId, caller, ct);
        Sla = SlaRule.Of(Details.Task.CreatedAt, Details.Task.DueAt, clock.GetUtcNow());
    }

    private async Task<IActionResult> RefusedAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var refusal = await TaskRefusal.ExplainAsync(tasks, caller, id, ct);
        if (refusal is null) return NotFound();
        Details = null;
        Conflict = t.Format(refusal.TextKey, refusal.Who);
        return new PageResult { StatusCode = StatusCodes.Status409Conflict };
    }
}
