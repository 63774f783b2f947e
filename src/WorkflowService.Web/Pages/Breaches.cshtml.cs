using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.Runtime.Instances;
using WorkflowService.Web.Auth;

namespace WorkflowService.Web.Pages;

/// <summary>Broken service rules, newest first: what, where, how late, and who was on it.</summary>
[Authorize(Policy = Policies.LateWork)]
public sealed class BreachesModel(InstanceService instances, InstanceCatalog catalog) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true)] public string? Rule { get; set; }
    [BindProperty(SupportsGet = true)] public int Skip { get; set; }

    public IReadOnlyList<string> Rules { get; private set; } = [];
    public IReadOnlyList<BreachView> Breaches { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Skip = Math.Max(0, Skip);
        Rules = await catalog.BreachedRulesAsync(ct);
        Breaches = await instances.BreachesAsync(null, Rule, Skip, PageSize, ct);
    }

    public string PageUrl(int skip) => Url.Page("/Breaches", new { Rule, Skip = skip > 0 ? skip : (int?)null }) ?? "/breaches";
}
