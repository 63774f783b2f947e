using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowService.Engine.Parsing;
using WorkflowService.Runtime.Definitions;
using WorkflowService.Runtime.Instances;
using WorkflowService.Web.Auth;

namespace WorkflowService.Web.Api;

public sealed record DeployedDefinition(string Key, int Version, string? Name, bool Created);

public static class DefinitionsApi
{
    public static void MapDefinitionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/definitions").WithTags("Definitions").RequireSignedIn();
        api.MapPost("/", DeployAsync).RequireRole(Policies.Designer)
            .Accepts<string>("application/xml", "text/xml")
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Publishes a BPMN file as a new version (process owners and admins); 400 names each element and line at fault");
        api.MapGet("/", ListAsync).WithSummary("Every process with its latest version");
        api.MapGet("/{key}/versions", VersionsAsync).Refuses(StatusCodes.Status404NotFound)
            .WithSummary("The published versions of a process");
        api.MapGet("/{key}/versions/{version:int}/xml", XmlAsync).Produces<string>(StatusCodes.Status200OK, "application/xml")
            .Refuses(StatusCodes.Status404NotFound).WithSummary("The BPMN XML of one version");
        api.MapGet("/{key}/start-form", StartFormAsync).Refuses(StatusCodes.Status404NotFound)
            .WithSummary("What starting the process asks (the newest version's start form); empty when it asks nothing");
    }

    private static async Task<Results<Created<DeployedDefinition>, Ok<DeployedDefinition>, ProblemHttpResult>> DeployAsync(
        HttpRequest request, DefinitionService definitions, CancellationToken ct)
    {
        if (request.ContentType is not { } type || !(type.StartsWith("application/xml", StringComparison.OrdinalIgnoreCase)
                                                     || type.StartsWith("text/xml", StringComparison.OrdinalIgnoreCase)))
            return Problems.UnsupportedMediaType("Send the BPMN file with Content-Type: application/xml");
        var xml = await ReadLimitedAsync(request, new ParserLimits().MaxBytes, ct);
        if (xml is null)
            return Problems.TooLarge($"The document is larger than the {new ParserLimits().MaxBytes / (1024 * 1024)} MB limit");
        var result = await definitions.DeployAsync(xml, request.HttpContext.User.UserName(), ct);
        var body = new DeployedDefinition(result.Definition.Key, result.Definition.Version, result.Definition.Name, result.Created);
        return result.Created
            ? TypedResults.Created($"/api/definitions/{body.Key}/versions/{body.Version}/xml", body)
            : TypedResults.Ok(body);
    }

    /// <summary>Reads the body as UTF-8 text, or null once it exceeds <paramref name="maxBytes"/> (without reading the rest).</summary>
    internal static async Task<string?> ReadLimitedAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static async Task<Ok<IReadOnlyList<DefinitionSummary>>> ListAsync(DefinitionCatalog catalog, CancellationToken ct) =>
        TypedResults.Ok(await catalog.ListLatestAsync(ct));

    private static async Task<Ok<IReadOnlyList<DefinitionVersion>>> VersionsAsync(string key, DefinitionCatalog catalog,
        CancellationToken ct)
    {
        var versions = await catalog.VersionsAsync(key, ct);
        if (versions.Count == 0) throw new NotFoundException($"No process '{key}' is deployed");
        return TypedResults.Ok(versions);
    }

    private static async Task<Ok<List<FormFieldDto>>> StartFormAsync(string key, DefinitionCatalog catalog, CancellationToken ct) =>
        TypedResults.Ok((await catalog.StartFormAsync(key, ct)).Select(FormFieldDtos.ForStart).ToList());

    private static async Task<ContentHttpResult> XmlAsync(string key, int version, DefinitionCatalog catalog, CancellationToken ct)
    {
        var xml = await catalog.XmlAsync(key, version, ct) ?? throw new NotFoundException($"Process '{key}' has no version {version}");
        return TypedResults.Text(xml, "application/xml", Encoding.UTF8);
    }
}
