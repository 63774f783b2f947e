using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowService.Runtime.Instances;
using WorkflowService.Web.Localization;
using WorkflowService.Web.Records;

namespace WorkflowService.Web.Pages.Customers;

/// <summary>
/// What the new-customer and edit-customer pages share: the form, a refusal shown next to each field with
/// everything typed kept (400), and a change made by someone else meanwhile told plainly (409).
/// </summary>
public abstract class CustomerFormPage(T t) : PageModel
{
    public CustomerForm Form { get; protected set; } = new();

    /// <summary>Set when the customer was changed by someone else since the form was read.</summary>
    public string? Conflict { get; private set; }

    public bool Refused { get; private set; }

    protected T Texts => t;

    public RecordInput Input(string name, string labelKey, string value, string type = "text", bool required = false) =>
        new(name, t[labelKey], value, ModelState.Of(name), type, required);

    public IReadOnlyList<string> ErrorsOf(string name) => ModelState.Of(name);

    /// <summary>Reads the posted form, lets <paramref name="save"/> store it, and redirects with what it answers.</summary>
    protected async Task<IActionResult> SaveAsync(Func<CustomerForm, Task<string>> save)
    {
        Form = CustomerForm.Read(Request.Form);
        try
        {
            return LocalRedirect(await save(Form));
        }
        catch (ValidationException refused)
        {
            RecordText.AddErrors(ModelState, t, refused.Errors, Form.PageField);
            Refused = true;
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }
        catch (ConflictException)
        {
            Conflict = t["Customers.Conflict"];
            return new PageResult { StatusCode = StatusCodes.Status409Conflict };
        }
    }

    /// <summary>The form's own problems, or the archive's: both are a <see cref="ValidationException"/>.</summary>
    protected static AfterSales.Customers.CustomerInput Checked(CustomerForm form)
    {
        var (input, errors) = form.ToInput();
        if (errors.Count > 0) throw new ValidationException("The customer form has errors", errors);
        return input;
    }
}
