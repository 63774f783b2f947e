using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using WorkflowService.AfterSales.Customers;
using WorkflowService.Web.Auth;
using WorkflowService.Web.Localization;

namespace WorkflowService.Web.Pages.Customers;

/// <summary>Adds a customer to the archive (客户档案), then shows their file.</summary>
[Authorize(Policy = Policies.Desk)]
public sealed class NewModel(CustomerArchive archive, T t) : CustomerFormPage(t)
{
    public void OnGet() => Form = new CustomerForm();

    public Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        SaveAsync(async form => $"/customers/{await archive.CreateAsync(Checked(form), ct)}");
}
