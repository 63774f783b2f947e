using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowService.Runtime.Staff;

namespace WorkflowService.Web.Api;

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>One's own email and page language ("zh-CN", "en"; null for the browser's).</summary>
public sealed record AccountRequest(string? Email, string? Language);

/// <summary>Each signed-in person's own account.</summary>
public static class AccountApi
{
    public static void MapAccountApi(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/api/account").WithTags("Account").RequireSignedIn();
        account.MapGet("/", GetAsync).WithSummary("The caller's own account");
        account.MapPut("/", UpdateAsync).ReadsJson().WithSummary("Changes the caller's email and page language");
        app.MapPost("/api/account/password", ChangePasswordAsync).WithTags("Account").RequireSignedInBeforePasswordChange().ReadsJson()
            .WithSummary("Changes the caller's password; 400 names a wrong current password or the rule the new one breaks. " +
                         "Every token and session of the caller stops: get a new token");
    }

    private static async Task<Ok<UserDto>> GetAsync(StaffDirectory staff, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(UserDto.From(await staff.GetAsync(http.User.UserName(), ct)));

    private static async Task<Ok<UserDto>> UpdateAsync(AccountRequest request, StaffDirectory staff, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(UserDto.From(await staff.UpdateOwnAccountAsync(http.User.UserName(), request.Email, request.Language, ct)));

    private static async Task<NoContent> ChangePasswordAsync(ChangePasswordRequest request, StaffDirectory staff, HttpContext http,
        CancellationToken ct)
    {
        await staff.ChangeOwnPasswordAsync(http.User.UserName(), request.CurrentPassword, request.NewPassword, ct);
        return TypedResults.NoContent();
    }
}
