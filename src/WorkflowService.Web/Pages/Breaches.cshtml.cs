using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.AfterSales;
using WorkflowService.Runtime.Instances;
using WorkflowService.Web.Api;
using WorkflowService.Web.Auth;

namespace WorkflowService.Web.Pages;

/// <summary>
/// Broken service rules, newest first: what, where, how late, and who was on it; filtered by rule, by the days they were
/// detected (from–to, the department's days, to inclusive: the period a report counts them in) and by the person charged.
/// </summary>
[Authorize(Policy = Policies.LateWork)]
public sealed class BreachesModel(BreachList list, InstanceCatalog catalog, DepartmentDay days) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true)] public string? Rule { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Person { get; set; }
    [BindProperty(SupportsGet = true)] public int Skip { get; set; }

    public IReadOnlyList<string> Rules { get; private set; } = [];
    public IReadOnlyList<BreachView> Breaches { get; private set; } = [];

    /// <summary>How many breaches the filter finds (all pages).</summary>
    public int Total { get; private set; }

    /// <summary>The dates did not read: the list is shown without them.</summary>
    public bool BadDates { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Skip = Math.Max(0, Skip);
        Rules = await catalog.BreachedRulesAsync(ct);
        var filter = ShownFilter();
        Breaches = await list.ListAsync(filter, Skip, PageSize, ct);
        Total = await list.CountAsync(filter, ct);
    }

    /// <summary>The button's workbook: every breach of the filter the page shows (the page is signed in with the cookie, the API is not).</summary>
    public async Task<FileContentResult> OnGetExcelAsync([FromServices] TimeProvider clock, CancellationToken ct) =>
        ExcelDownload.File(await BreachesApi.SheetAsync(list, ShownFilter(), days, ct), "breaches", clock);

    /// <summary>The filter of the query; dates that do not read are left out (and said so on the page).</summary>
    private BreachFilter ShownFilter()
    {
        var (filter, refusal) = BreachesApi.Filter(null, Rule, From, To, Person, days);
        if (refusal is null) return filter!;
        BadDates = true;
        return BreachesApi.Filter(null, Rule, null, null, Person, days).Filter!;
    }

    /// <summary>The filter as a query string (lower-case names, empty ones left out), with a page's offset.</summary>
    private string Query(int? skip)
    {
        var query = QueryString.Create(new (string, string?)[]
        {
            ("rule", Rule), ("from", From), ("to", To), ("person", Person),
            ("skip", skip > 0 ? skip.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : null),
        }.Where(p => !string.IsNullOrWhiteSpace(p.Item2)).Select(p => new KeyValuePair<string, string?>(p.Item1, p.Item2!.Trim())));
        return query.Value ?? "";
    }

    public string PageUrl(int skip) => "/breaches" + Query(skip);

    /// <summary>The same filter as a workbook (every page), served by this page.</summary>
    public string WorkbookUrl => "/breaches" + (Query(null) is { Length: > 0 } query ? query + "&" : "?") + "handler=" + ExcelDownload.Handler;
}
