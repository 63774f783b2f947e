using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WorkflowService.Runtime.Sheets;

namespace WorkflowService.Web.Api;

/// <summary>Spreadsheets in and out of the API: the uploaded file of an import, an import's answer, a workbook download.</summary>
internal static class SheetFiles
{
    /// <summary>
    /// The form field <c>file</c> of a multipart request, or the refusal: 415 for a body that is no form, 413 for a file
    /// over <see cref="SheetReader.MaxFileBytes"/> (before it is read whole), 400 for no file.
    /// </summary>
    public static async Task<(IFormFile? File, ProblemHttpResult? Refusal)> ReceiveAsync(HttpRequest http, string what, CancellationToken ct)
    {
        if (!http.HasFormContentType)
            return (null, Problems.UnsupportedMediaType($"Send the {what} as multipart/form-data, in the field 'file'"));
        // The form's other parts and boundaries take a little room besides the file.
        var limit = SheetReader.MaxFileBytes + 64 * 1024;
        var tooLarge = $"The file is larger than {SheetReader.MaxFileBytes / 1024} KB; split it";
        if (http.ContentLength > limit) return (null, Problems.TooLarge(tooLarge));
        if (http.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
        IFormCollection form;
        try
        {
            form = await http.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit }, ct);
        }
        catch (Exception ex) when (ex is (IOException and not BadHttpRequestException) or InvalidDataException)
        {
            // A multipart body that ends before its first part, or is malformed: nothing the import could read.
            return (null, Problems.Invalid("file", $"The request has no readable file: send the .xlsx or .csv in the form field 'file' ({ex.Message})", "required"));
        }
        if (form.Files.GetFile("file") is not { } file)
            return (null, Problems.Invalid("file", "The request has no file: send the .xlsx or .csv in the form field 'file'", "required"));
        if (file.Length > SheetReader.MaxFileBytes) return (null, Problems.TooLarge(tooLarge));
        return (file, null);
    }

    /// <summary>
    /// A dry run answers 200 with what the file would do and every row's problem. A real import that finds a problem
    /// writes nothing and answers 400: problem details carrying the same rows (<c>errors</c>: row and message).
    /// </summary>
    public static Results<Ok<ImportResponse>, ProblemHttpResult> Answer(ImportResponse response, bool dryRun)
    {
        if (dryRun || response.Errors.Count == 0) return TypedResults.Ok(response);
        return TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = Problems.InvalidTitle,
            Detail = $"Nothing was imported: {response.Errors.Count} problem(s) in the file",
            Extensions =
            {
                ["errors"] = response.Errors,
                ["created"] = 0,
                ["updated"] = 0,
                ["written"] = false,
            },
        });
    }

    /// <summary>A workbook to download, named after its list and the day (<c>customers-20261205.xlsx</c>).</summary>
    public static FileContentHttpResult Workbook(byte[] bytes, string list, TimeProvider clock) =>
        TypedResults.File(bytes, SheetWriter.ContentType,
            $"{list}-{clock.GetUtcNow().ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture)}.xlsx");

    /// <summary>Declares the workbook a download answers with.</summary>
    public static RouteHandlerBuilder ProducesWorkbook(this RouteHandlerBuilder endpoint) =>
        endpoint.Produces<byte[]>(StatusCodes.Status200OK, SheetWriter.ContentType);
}
