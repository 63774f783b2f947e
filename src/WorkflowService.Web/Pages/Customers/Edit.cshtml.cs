using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using WorkflowService.AfterSales.Customers;
using WorkflowService.Runtime.Instances;
using WorkflowService.Web.Auth;
using WorkflowService.Web.Localization;

namespace WorkflowService.Web.Pages.Customers;

/// <summary>
/// Changes a customer's fields and contacts. The form carries the revision it was read at, so a change saved by
/// someone else in between is refused (409) instead of overwritten.
/// </summary>
[Authorize(Policy = Policies.Desk)]
public sealed class EditModel(CustomerArchive archive, T t) : CustomerFormPage(t)
{
    public Guid Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Id = id;
        try
        {
            Form = CustomerForm.Of(await archive.GetAsync(id, ct));
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        Id = id;
        try
        {
            return await SaveAsync(async form =>
            {
                await archive.UpdateAsync(id, Checked(form), form.Revision, ct);
                return $"/customers/{id}";
            });
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }
}
