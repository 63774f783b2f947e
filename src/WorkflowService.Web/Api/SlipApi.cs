using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowService.AfterSales.Orders;
using WorkflowService.Web.Auth;

namespace WorkflowService.Web.Api;

/// <summary>
/// An order's repair slip (维修服务单): the signed page attached as a photo or scan, or a signature drawn in the browser.
/// Engineers and the desk attach (<see cref="Policies.Devices"/>); anyone signed in reads.
/// </summary>
public static class SlipApi
{
    public static void MapSlipApi(this IEndpointRouteBuilder app)
    {
        var slip = app.MapGroup("/api/orders/{number}/slip").WithTags("Orders").RequireSignedIn();
        slip.MapPost("/", AttachAsync).RequireRole(Policies.Devices).DisableAntiforgery().Accepts<IFormFile>("multipart/form-data")
            .Produces<SlipView>(StatusCodes.Status201Created)
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge,
                StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Attaches the signed slip: a JPEG, PNG or PDF in the field 'file' (checked by its first bytes), 'kind' photo, scan or signature");
        slip.MapGet("/", ReadAsync).Produces<byte[]>(StatusCodes.Status200OK, SlipContent.Jpeg, SlipContent.Png, SlipContent.Pdf)
            .Refuses(StatusCodes.Status404NotFound)
            .WithSummary("The order's latest slip as it was attached; 404 when the order is not signed");
    }

    private static async Task<Results<Created<SlipView>, ProblemHttpResult>> AttachAsync(string number, HttpRequest http, RepairSlips slips,
        SignedInCaller caller, CancellationToken ct)
    {
        var (file, kind, refusal) = await ReceiveAsync(http, slips.MaxBytes, ct);
        if (refusal is not null) return refusal;
        byte[] content;
        await using (var stream = file!.OpenReadStream())
        using (var buffer = new MemoryStream((int)file.Length))
        {
            await stream.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
        }
        if (Refusal(SlipContent.Check(kind, file.ContentType, content, slips.MaxBytes)) is { } refused) return refused;
        var slip = await slips.AttachAsync(caller, number, kind, file.ContentType, content, ct);
        return TypedResults.Created($"/api/orders/{Uri.EscapeDataString(slip.OrderNumber)}/slip", slip);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ReadAsync(string number, RepairSlips slips, CancellationToken ct)
    {
        if (await slips.LatestAsync(number, ct) is not { } slip)
            return TypedResults.Problem($"Order {number} has no slip yet: it is not signed", statusCode: StatusCodes.Status404NotFound,
                title: "Not found");
        var extension = slip.Slip.ContentType switch { SlipContent.Jpeg => "jpg", SlipContent.Png => "png", _ => "pdf" };
        return TypedResults.File(slip.Content, slip.Slip.ContentType, $"{slip.Slip.OrderNumber}-slip.{extension}",
            entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{slip.Slip.Sha256}\""));
    }

    /// <summary>The refusal a checked slip carries, as the API answers it: 415, 413 or 400 naming the field.</summary>
    public static ProblemHttpResult? Refusal(CheckedSlip slip) => slip.Refusal switch
    {
        null => null,
        { UnsupportedType: true } r => Problems.UnsupportedMediaType(r.Message),
        { TooLarge: true } r => Problems.TooLarge(r.Message),
        { } r => Problems.Invalid(r.Field, r.Message, r.Code),
    };

    /// <summary>
    /// The form's <c>file</c> and <c>kind</c>, or the refusal: 415 for a body that is no form, 413 for a file over the
    /// limit (refused before it is read whole when the request says its length), 400 for no file.
    /// </summary>
    private static async Task<(IFormFile? File, string? Kind, ProblemHttpResult? Refusal)> ReceiveAsync(HttpRequest http, long maxBytes,
        CancellationToken ct)
    {
        if (!http.HasFormContentType)
            return (null, null, Problems.UnsupportedMediaType("Send the slip as multipart/form-data, in the field 'file'"));
        var limit = maxBytes + 64 * 1024;
        var tooLarge = $"The file is larger than {maxBytes / 1024} KB, the most a slip may be; photograph it at a lower resolution";
        if (http.ContentLength > limit) return (null, null, Problems.TooLarge(tooLarge));
        if (http.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
        IFormCollection form;
        try
        {
            form = await http.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit }, ct);
        }
        catch (InvalidDataException ex) when (ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null, Problems.TooLarge(tooLarge));
        }
        catch (Exception ex) when (ex is (IOException and not BadHttpRequestException) or InvalidDataException)
        {
            return (null, null, Problems.Invalid("file", $"The request has no readable file: send the slip in the form field 'file' ({ex.Message})", "required"));
        }
        if (form.Files.GetFile("file") is not { } file)
            return (null, null, Problems.Invalid("file", "The request has no file: send the slip in the form field 'file'", "required"));
        if (file.Length > maxBytes) return (null, null, Problems.TooLarge(tooLarge));
        return (file, form["kind"].ToString() is { Length: > 0 } kind ? kind : null, null);
    }
}
