using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Tasks;
using WorkflowService.Web.Api;
using WorkflowService.Web.Auth;

namespace WorkflowService.Web.Pages.Instances;

/// <summary>
/// One instance: its diagram with where the tokens are and the path taken, pending timers, open
/// tasks, variables, history, incidents. Supervisors may retry an incident or cancel the instance.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class DetailsModel(
    InstanceService instances,
    InstanceCatalog catalog,
    TaskService tasks,
    CallerFactory callers,
    IAuthorizationService authorization,
    ILogger<DetailsModel> logger) : PageModel
{
    public InstanceView View { get; private set; } = null!;
    public InstanceDiagram Diagram { get; private set; } = null!;
    public IReadOnlyList<InstanceHistoryEntry> History { get; private set; } = [];
    public IReadOnlyList<TaskView> OpenTasks { get; private set; } = [];

    /// <summary>The open tasks the viewer may open: only these are links.</summary>
    public IReadOnlySet<Guid> OpenableTaskIds { get; private set; } = new HashSet<Guid>();
    public bool CanSupervise { get; private set; }

    /// <summary>What the diagram script needs, as JSON for a &lt;script type="application/json"&gt; block.</summary>
    public string DiagramJson => JsonSerializer.Serialize(new
    {
        instanceId = View.Instance.Id,
        xml = Diagram.Xml,
        active = View.ActiveElementIds,
        completed = Diagram.CompletedElementIds,
        flows = Diagram.TakenFlowIds,
    });

    [TempData] public string? Notice { get; set; }
    [TempData] public string? Refusal { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var caller = await callers.GetAsync(User, ct);
        try
        {
            View = await instances.GetAsync(id, caller, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        History = await instances.HistoryAsync(id, caller, ct);
        Diagram = await catalog.DiagramAsync(id, History, ct); // from the history just read, not a second read of it
        // Whoever reads the instance sees who is on its open tasks; only the ones they may work are links.
        var query = new TaskQuery { InstanceId = id, Sort = TaskSort.Created };
        OpenTasks = await tasks.QueryAsync(Caller.System, query, ct);
        OpenableTaskIds = (await tasks.QueryAsync(caller, query, ct)).Select(t => t.Id).ToHashSet();
        CanSupervise = await IsSupervisorAsync();
        return Page();
    }

    public Task<IActionResult> OnPostCancelAsync(Guid id, string? reason, CancellationToken ct) =>
        SuperviseAsync(id, "Instance.CancelledNotice", () => instances.CancelAsync(id, User.UserName(), reason, ct));

    public Task<IActionResult> OnPostRetryAsync(Guid id, int incidentId, CancellationToken ct) =>
        SuperviseAsync(id, "Instance.RetriedNotice", () => instances.RetryIncidentAsync(id, incidentId, null, User.UserName(), ct));

    private async Task<IActionResult> SuperviseAsync(Guid id, string notice, Func<Task> action)
    {
        if (!await IsSupervisorAsync()) return Forbid();
        try
        {
            await action();
            Notice = notice;
        }
        catch (Exception ex) when (ex is ConflictException or NotFoundException)
        {
            if (logger.IsEnabled(LogLevel.Information)) logger.InstanceRequestRefused(id, User.UserName(), ex.Message);
            Refusal = ex.Message;
        }
        return RedirectToPage(new { id });
    }

    private async Task<bool> IsSupervisorAsync() => (await authorization.AuthorizeAsync(User, Policies.Supervisor)).Succeeded;

    public string NameOf(string elementId) =>
        Diagram.ElementNames.TryGetValue(elementId, out var name) ? $"{name} ({elementId})" : elementId;

    public static string ShowValue(JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();
        return text.Length > 500 ? text[..500] + "…" : text;
    }
}
