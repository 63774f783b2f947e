using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Staff;
using WorkflowService.Web.Auth;

namespace WorkflowService.Web.Pages.Admin.Staff;

/// <summary>
/// Imports staff from an .xlsx or .csv file: "check only" lists every row's problem and writes nothing;
/// "import" writes the whole file or, with any problem, nothing (the importer decides, not the page).
/// </summary>
[Authorize(Policy = Policies.Admin)]
[RequestSizeLimit(StaffSheet.MaxFileBytes + 64 * 1024)]
public sealed class ImportModel(StaffImporter importer) : PageModel
{
    public StaffImportResult? Result { get; private set; }
    public bool DryRun { get; private set; }
    public string? FileName { get; private set; }
    public string? Refusal { get; private set; }

    public void OnGet() { }

    public Task<IActionResult> OnPostCheckAsync(IFormFile? file, CancellationToken ct) => ImportAsync(file, dryRun: true, ct);

    public Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct) => ImportAsync(file, dryRun: false, ct);

    private async Task<IActionResult> ImportAsync(IFormFile? file, bool dryRun, CancellationToken ct)
    {
        DryRun = dryRun;
        if (file is null || file.Length == 0)
        {
            Refusal = "Import.NoFile";
            return Page();
        }
        FileName = file.FileName;
        try
        {
            await using var stream = file.OpenReadStream();
            Result = await importer.ImportFileAsync(User.Identity!.Name!, stream, file.FileName, dryRun, ct);
        }
        catch (ConflictException changed)
        {
            // Someone changed the staff between the check and the write: nothing was imported.
            Result = new StaffImportResult(0, 0, [new StaffImportError(0, changed.Message)], false);
        }
        return Page();
    }
}
