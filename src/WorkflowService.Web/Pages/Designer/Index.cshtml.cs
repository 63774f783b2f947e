using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.Engine.Parsing;
using WorkflowService.Runtime.Definitions;
using WorkflowService.Runtime.Instances;
using WorkflowService.Web.Api;
using WorkflowService.Web.Auth;
using WorkflowService.Web.Localization;

namespace WorkflowService.Web.Pages.Designer;

/// <summary>
/// <c>/designer</c>: the processes with their versions (who published what, when, how many
/// instances still run on each), downloads of each version, and the way in to the modeler: open,
/// new from the template, or upload a <c>.bpmn</c> file, which becomes a draft (never published
/// by the upload itself).
/// </summary>
[Authorize(Policy = Policies.Designer)]
public sealed class IndexModel(DefinitionCatalog catalog, DraftService drafts, BpmnParser parser, T texts) : PageModel
{
    public IReadOnlyList<ProcessRow> Processes { get; private set; } = [];

    /// <summary>Why the last upload was refused, in the user's words (the parser's message for unreadable files).</summary>
    public string? UploadError { get; private set; }

    public long MaxUploadBytes => parser.Limits.MaxBytes;

    public async Task OnGetAsync(CancellationToken ct) => Processes = await catalog.OverviewAsync(ct);

    /// <summary><c>GET /designer?handler=Xml&amp;key=repair&amp;version=2</c>: one published version as a .bpmn file.</summary>
    public async Task<IActionResult> OnGetXmlAsync(string key, int version, CancellationToken ct)
    {
        var xml = await catalog.XmlAsync(key, version, ct);
        if (xml is null) return NotFound();
        return File(Encoding.UTF8.GetBytes(xml), "application/xml", $"{key}-v{version}.bpmn");
    }

    /// <summary><c>POST /designer?handler=Upload</c> (multipart, field <c>file</c>): opens the file as the draft of its process.</summary>
    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0) return await Refuse(texts["Designer.Upload.Missing"], ct);
        if (file.Length > MaxUploadBytes)
            return await Refuse(texts.Format("Designer.Upload.TooLarge", MaxUploadBytes / (1024 * 1024)), ct);

        string xml;
        await using (var stream = file.OpenReadStream())
        using (var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
            xml = await reader.ReadToEndAsync(ct);
        try
        {
            var key = drafts.KeyOf(xml);
            if (key == EditModel.NewKey) return await Refuse(texts["Designer.Key.Reserved"], ct);
            // The file names its own process: uploading it is editing that process, not renaming one.
            await drafts.SaveAsync(xml, User.UserName(), editedKey: key, ct);
            return Redirect($"/designer/{Uri.EscapeDataString(key)}?uploaded=1");
        }
        catch (WorkflowRequestException refused)
        {
            return await Refuse(refused.Message, ct);
        }
    }

    private async Task<IActionResult> Refuse(string message, CancellationToken ct)
    {
        UploadError = message;
        Processes = await catalog.OverviewAsync(ct);
        var page = Page();
        page.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }
}
