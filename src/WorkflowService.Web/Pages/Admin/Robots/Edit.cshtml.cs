using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Notifications.Robots;
using WorkflowService.Web.Auth;
using WorkflowService.Web.Localization;

namespace WorkflowService.Web.Pages.Admin.Robots;

/// <summary>
/// Adds or edits a database robot. The URL and secret are never put back into the form: the fields show the masked
/// value as a hint, and left blank on an edit they keep what is stored (a tick clears the secret).
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class EditModel(RobotAdministration robots, T t) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Id { get; set; }

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty(Name = "url")] public string? WebhookUrl { get; set; }
    [BindProperty] public string? Secret { get; set; }
    [BindProperty] public bool ClearSecret { get; set; }
    [BindProperty] public List<string> Events { get; set; } = [];
    [BindProperty] public string? Groups { get; set; }

    /// <summary>The stored robot being edited (masked), null when adding.</summary>
    public RobotView? Stored { get; private set; }

    /// <summary>An id in the address that is not a number (no route constraint: a bad post must meet antiforgery first).</summary>
    private bool BadId => Id is null && RouteData.Values.TryGetValue("id", out var raw) && raw is not null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (BadId) return NotFound();
        if (Id is not { } id)
        {
            Events = [RobotEvents.Breach, RobotEvents.Escalation];
            return Page();
        }
        try
        {
            Stored = await robots.GetAsync(id, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        (Name, Kind, Events, Groups) = (Stored.Name, Stored.Kind.ToString(), [.. Stored.Events], string.Join(", ", Stored.Groups));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (BadId) return NotFound();
        ModelState.Clear();
        try
        {
            await robots.SaveAsync(User.Identity!.Name!, Id, new RobotForm(Name, Kind, WebhookUrl, Secret, Events, Groups, ClearSecret), ct);
            TempData["Notice"] = "Robots.Saved";
            return Redirect("/admin/robots");
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (ValidationException refused)
        {
            ModelState.Show(refused, t);
            if (Id is { } id) Stored = await robots.GetAsync(id, ct);
            // What was typed stays, except the secret: a page never shows one back.
            Secret = null;
            return Page();
        }
    }
}
