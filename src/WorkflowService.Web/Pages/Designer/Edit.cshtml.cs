using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using WorkflowService.Engine.Parsing;
using WorkflowService.Runtime.Definitions;
using WorkflowService.Runtime.Instances;
using WorkflowService.Web.Api;
using WorkflowService.Web.Auth;
using WorkflowService.Web.Localization;

namespace WorkflowService.Web.Pages.Designer;

/// <summary>A parser finding as the page's script shows it: on the element it names, and in the list.</summary>
public sealed record DiagnosticView(string? ElementId, string? ElementType, int Line, string Message)
{
    public static DiagnosticView From(BpmnDiagnostic d) => new(d.ElementId, d.ElementType, d.Line, d.Message);
}

/// <summary>
/// <c>/designer/{key}</c> (and <c>/designer/new</c>): the modeler, loaded from the process's draft
/// when there is one, else from its latest version. The toolbar posts the current XML (body,
/// <c>application/xml</c>, antiforgery token in the <c>RequestVerificationToken</c> header) to
/// the handlers <c>Validate</c>, <c>SaveDraft</c> and <c>Publish</c>, which answer JSON; a refusal
/// is problem details as the API's (<c>application/problem+json</c>: <c>title</c>, <c>status</c>,
/// <c>detail</c> in the user's language, and <c>errors</c> and <c>warnings</c> naming element and line).
/// </summary>
[Authorize(Policy = Policies.Designer)]
public sealed partial class EditModel(
    DefinitionCatalog catalog, DraftService drafts, DefinitionService definitions, BpmnParser parser, T texts) : PageModel
{
    /// <summary>The route word for a diagram not stored yet; a process may therefore not use it as its id.</summary>
    public const string NewKey = "new";

    public string Key { get; private set; } = "";
    public bool IsNew => Key == NewKey;
    public string Xml { get; private set; } = "";
    public string? Name { get; private set; }
    public DraftInfo? Draft { get; private set; }
    public PublishedDefinition? Latest { get; private set; }
    public bool Uploaded { get; private set; }

    public async Task<IActionResult> OnGetAsync(string key, bool uploaded, CancellationToken ct)
    {
        Key = key;
        Uploaded = uploaded;
        if (IsNew)
        {
            Name = texts["Designer.Template.Name"];
            Xml = ProcessTemplate.Create(Name,
                (texts["Designer.Template.Start"], texts["Designer.Template.Task"], texts["Designer.Template.End"]));
            return Page();
        }
        Latest = await catalog.LatestAsync(key, ct);
        var draft = await drafts.LoadAsync(key, ct);
        if (draft is null && Latest is null) return NotFound();
        Draft = draft is null ? null : new DraftInfo(draft.SavedBy, draft.SavedAt);
        Xml = draft?.Xml ?? Latest!.Xml;
        Name = Latest?.Name;
        return Page();
    }

    /// <summary>Checks the diagram as publishing would, without storing anything.</summary>
    public async Task<IActionResult> OnPostValidateAsync(CancellationToken ct)
    {
        var xml = await ReadDiagramAsync(ct);
        if (xml is null) return TooLarge();
        var (model, diagnostics) = definitions.Validate(xml);
        return new JsonResult(new
        {
            valid = model is not null,
            key = model?.Key,
            errors = Views(diagnostics, DiagnosticSeverity.Error),
            warnings = Views(diagnostics, DiagnosticSeverity.Warning),
        });
    }

    /// <summary>Stores the diagram as the draft of its process id, valid or not.</summary>
    public async Task<IActionResult> OnPostSaveDraftAsync(string key, CancellationToken ct)
    {
        var xml = await ReadDiagramAsync(ct);
        if (xml is null) return TooLarge();
        return await RefusalOr(async () =>
        {
            if (drafts.KeyOf(xml) == NewKey) return Refused(StatusCodes.Status400BadRequest, texts["Designer.Key.Reserved"]);
            var draft = await drafts.SaveAsync(xml, User.UserName(), EditedKey(key), ct);
            return new JsonResult(new { key = draft.Key, savedBy = draft.SavedBy, savedAt = draft.SavedAt });
        });
    }

    /// <summary>
    /// Validates, then publishes a new version (or reports the unchanged latest one) and clears the
    /// draft. On any error nothing is published and the errors come back as from Validate.
    /// </summary>
    public async Task<IActionResult> OnPostPublishAsync(string key, CancellationToken ct)
    {
        var xml = await ReadDiagramAsync(ct);
        if (xml is null) return TooLarge();
        return await RefusalOr(async () =>
        {
            var (model, diagnostics) = definitions.Validate(xml);
            if (model is null)
            {
                return Refused(StatusCodes.Status400BadRequest, texts["Designer.Publish.Invalid"],
                    Views(diagnostics, DiagnosticSeverity.Error), Views(diagnostics, DiagnosticSeverity.Warning));
            }
            if (model.Key == NewKey) return Refused(StatusCodes.Status400BadRequest, texts["Designer.Key.Reserved"]);
            var result = await definitions.PublishDraftAsync(xml, User.UserName(), EditedKey(key), ct);
            var published = result.Definition;
            return new JsonResult(new
            {
                key = published.Key, version = published.Version, created = result.Created,
                publishedBy = published.PublishedBy, publishedAt = published.PublishedAt,
                warnings = result.Warnings.Select(DiagnosticView.From),
            });
        });
    }

    private static string? EditedKey(string key) => key == NewKey ? null : key;

    private static IEnumerable<DiagnosticView> Views(IEnumerable<BpmnDiagnostic> diagnostics, DiagnosticSeverity severity) =>
        diagnostics.Where(d => d.Severity == severity).Select(DiagnosticView.From);

    private Task<string?> ReadDiagramAsync(CancellationToken ct) => DefinitionsApi.ReadLimitedAsync(Request, parser.Limits.MaxBytes, ct);

    private JsonResult TooLarge() =>
        Refused(StatusCodes.Status413PayloadTooLarge, texts.Format("Designer.Upload.TooLarge", parser.Limits.MaxBytes / (1024 * 1024)));

    /// <summary>
    /// A refusal as problem details (RFC 9457), shaped as the API's: the titles are the API's, the
    /// detail is what the toolbar shows, and the findings stay lists of element, line and message.
    /// </summary>
    private static JsonResult Refused(int status, string detail, IEnumerable<DiagnosticView>? errors = null,
        IEnumerable<DiagnosticView>? warnings = null)
    {
        var problem = new ProblemDetails { Status = status, Title = ProblemTitle(status), Detail = detail };
        problem.Extensions["errors"] = (errors ?? []).ToList();
        problem.Extensions["warnings"] = (warnings ?? []).ToList();
        return new JsonResult(problem) { StatusCode = status, ContentType = "application/problem+json" };
    }

    private static string ProblemTitle(int status) => status switch
    {
        StatusCodes.Status400BadRequest => Problems.InvalidTitle,
        StatusCodes.Status409Conflict => "Conflict",
        StatusCodes.Status413PayloadTooLarge => "Too large",
        _ => ReasonPhrases.GetReasonPhrase(status),
    };

    /// <summary>The runtime's refusals (unreadable file, taken process id) as problem details the toolbar shows.</summary>
    private static async Task<IActionResult> RefusalOr(Func<Task<IActionResult>> action)
    {
        try
        {
            return await action();
        }
        catch (ValidationException invalid)
        {
            return Refused(StatusCodes.Status400BadRequest, invalid.Message,
                invalid.Errors.Select(e => new DiagnosticView(e.ElementId, null, e.Line ?? 0, e.Message)));
        }
        catch (ConflictException conflict)
        {
            return Refused(StatusCodes.Status409Conflict, conflict.Message);
        }
    }
}
