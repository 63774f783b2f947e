using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Notifications.Robots;
using WorkflowService.Web.Auth;

namespace WorkflowService.Web.Pages.Admin.Robots;

/// <summary>
/// The group robots (WeCom, DingTalk, Feishu): those kept in the database, editable here, and those from settings,
/// shown with their source; a database robot hides a settings one of the same name. URLs and secrets are masked.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class IndexModel(RobotAdministration robots, Localization.T t) : PageModel
{
    public IReadOnlyList<RobotView> Robots { get; private set; } = [];

    [TempData] public string? Notice { get; set; }

    /// <summary>The test message's outcome: the reply's code and message as the product gave them.</summary>
    [TempData] public string? TestResult { get; set; }
    [TempData] public bool TestOk { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Robots = await robots.ListAsync(ct);

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        try
        {
            await robots.DeleteAsync(User.Identity!.Name!, id, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        Notice = "Robots.Deleted";
        return Redirect("/admin/robots");
    }

    public async Task<IActionResult> OnPostTestAsync(string name, CancellationToken ct)
    {
        RobotReply reply;
        try
        {
            reply = await robots.TestAsync(name, new RobotMessage(t["Robots.TestTitle"], t.Format("Robots.TestText", name)), ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        TestOk = reply.Outcome == RobotOutcome.Sent;
        TestResult = TestOk ? t.Format("Robots.TestSent", name) : t.Format("Robots.TestFailed", name, reply.Error);
        return Redirect("/admin/robots");
    }
}
