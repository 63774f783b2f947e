using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using WorkflowService.Runtime.Sheets;

namespace WorkflowService.Web.Pages;

/// <summary>
/// The "Excel" button of a list page. The page serves its own workbook (<c>?handler=Excel</c>) because a page is signed
/// in with the cookie, which the bearer-only API does not read: the link is the page's address with its current query,
/// so the workbook has the filters the reader applied, and the page's model decides what the reader may see.
/// </summary>
public static class ExcelDownload
{
    public const string Handler = "Excel";

    /// <summary>The page's address and query as they are, asking for its workbook.</summary>
    public static string Link(HttpRequest request)
    {
        var query = request.Query.Where(q => !string.Equals(q.Key, "handler", StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new("handler", Handler));
        return request.PathBase + request.Path + QueryString.Create(query);
    }

    /// <summary>A workbook to download, named after its list and the day (<c>inbox-20261205.xlsx</c>).</summary>
    public static FileContentResult File(byte[] bytes, string list, TimeProvider clock) =>
        new(bytes, SheetWriter.ContentType)
        {
            FileDownloadName = $"{list}-{clock.GetUtcNow().ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.xlsx",
        };
}
