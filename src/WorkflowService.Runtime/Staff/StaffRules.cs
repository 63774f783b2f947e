using System.Net.Mail;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Staff;

/// <summary>
/// What a person's fields must be, checked before anything is written, each problem naming its field:
/// the same rules for the pages, the API and every row of an import file.
/// </summary>
public static partial class StaffRules
{
    public const int MaxUserName = 64;
    public const int MaxDisplayName = 100;
    public const int MaxGroupName = 64;

    /// <summary>
    /// Names the API has taken for itself beside a person's or a group's (<c>GET /api/users/export</c>,
    /// <c>GET /api/groups/export</c>): a user or group of that name could not be read at its address. Routes ignore case.
    /// </summary>
    public static readonly IReadOnlyList<string> ReservedNames = ["export"];

    private static bool IsReserved(string name) => ReservedNames.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The languages the pages speak.</summary>
    public static readonly IReadOnlyList<string> Languages = ["zh-CN", "en"];

    [GeneratedRegex(@"^\+?[0-9][0-9 \-]{4,19}$")]
    private static partial Regex MobilePattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._\-]{0,63}$")]
    private static partial Regex GroupNamePattern();

    /// <summary>The problems of a profile; <paramref name="creating"/> checks the user name too (it never changes afterwards).</summary>
    public static List<ValidationError> Check(StaffProfile profile, bool creating, UserOptions options)
    {
        var errors = new List<ValidationError>();
        if (creating) errors.AddRange(CheckUserName(profile.UserName, options));

        if (string.IsNullOrWhiteSpace(profile.DisplayName))
            errors.Add(new("displayName is required: the name colleagues and customers read (e.g. 张伟)", "displayName", "required"));
        else if (profile.DisplayName.Trim().Length > MaxDisplayName)
            errors.Add(new($"displayName is longer than {MaxDisplayName} characters", "displayName", "too-long", Argument: $"{MaxDisplayName}"));

        if (CheckEmail(profile.Email) is { } email) errors.Add(email);
        if (!string.IsNullOrWhiteSpace(profile.Mobile) && !MobilePattern().IsMatch(profile.Mobile.Trim()))
            errors.Add(new($"mobile '{profile.Mobile}' is not a phone number (digits, optionally a leading + and spaces or dashes, 5 to 20)",
                "mobile", "invalid", Argument: profile.Mobile));

        var roles = Clean(profile.Roles);
        if (roles.Count == 0)
            errors.Add(new($"roles: give at least one of {string.Join(", ", StaffRoles.All)}", "roles", "required"));
        foreach (var role in roles.Where(r => !StaffRoles.IsKnown(r)))
            errors.Add(new($"roles: '{role}' is not a role (known: {string.Join(", ", StaffRoles.All)})", "roles", "unknown-role", Argument: role));
        return errors;
    }

    public static IEnumerable<ValidationError> CheckUserName(string? userName, UserOptions options)
    {
        if (string.IsNullOrWhiteSpace(userName))
        {
            yield return new("userName is required: the name one signs in with (e.g. zhangwei)", "userName", "required");
            yield break;
        }
        if (userName.Length > MaxUserName)
            yield return new($"userName is longer than {MaxUserName} characters", "userName", "too-long", Argument: $"{MaxUserName}");
        var allowed = options.AllowedUserNameCharacters;
        var bad = userName.Where(c => !string.IsNullOrEmpty(allowed) && !allowed.Contains(c)).Distinct().ToList();
        if (bad.Count > 0)
            yield return new($"userName '{userName}' has characters a user name cannot have: {string.Join(" ", bad.Select(c => $"'{c}'"))} " +
                             "(letters a-z, digits and - . _ @ +; put a Chinese name in displayName)", "userName", "invalid-characters",
                Argument: string.Join(" ", bad));
        if (SystemActors.IsSystem(userName))
            yield return new($"userName '{userName}' is a name the service itself acts under ({SystemActors.Timer}, {SystemActors.Pbx}, " +
                             $"{SystemActors.System}): history could not tell the person from the service. Choose another.",
                "userName", "reserved", Argument: userName);
        else if (IsReserved(userName))
            yield return new($"userName '{userName}' is taken by the API's own addresses (/api/users/{userName.ToLowerInvariant()}). Choose another.",
                "userName", "reserved", Argument: userName);
    }

    public static ValidationError? CheckEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email)) return null;
        return IsEmailAddress(email) ? null : new ValidationError($"email '{email}' is not an email address", "email", "invalid", Argument: email);
    }

    /// <summary>A bare address (no display name, nothing around it), as a person's or a contact's email must be.</summary>
    public static bool IsEmailAddress(string email)
    {
        var trimmed = email.Trim();
        return MailAddress.TryCreate(trimmed, out var parsed) && parsed.Address == trimmed && trimmed.Contains('@', StringComparison.Ordinal);
    }

    public static ValidationError? CheckLanguage(string? language) =>
        language is null || Languages.Contains(language, StringComparer.Ordinal)
            ? null
            : new ValidationError($"language '{language}' is not one the pages speak ({string.Join(", ", Languages)})", "language", "unknown",
                Argument: language);

    public static ValidationError? CheckGroupName(string? name) =>
        name is not null && IsReserved(name)
            ? new ValidationError($"group name '{name}' is taken by the API's own addresses (/api/groups/{name.ToLowerInvariant()}); choose another",
                "name", "reserved", Argument: name)
        : name is not null && GroupNamePattern().IsMatch(name)
            ? null
            : new ValidationError($"group name '{name}' must be 1 to {MaxGroupName} letters, digits, '.', '_' or '-', starting with a letter or digit " +
                                  "(it is what a process names as candidate group)", "name", "invalid", Argument: name);

    /// <summary>The rules of Identity's password validators that <paramref name="password"/> breaks, each by its code.</summary>
    public static async Task<List<ValidationError>> CheckPasswordAsync(UserManager<WorkflowUser> users, string? userName,
        string? password, string field = "password")
    {
        if (string.IsNullOrEmpty(password)) return [new($"{field} is required", field, "required")];
        var errors = new List<ValidationError>();
        var user = new WorkflowUser { UserName = userName };
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            errors.AddRange(result.Errors.Select(e => new ValidationError($"{field}: {e.Description}", field, e.Code, Argument: e.Code switch
            {
                nameof(IdentityErrorDescriber.PasswordTooShort) => $"{users.Options.Password.RequiredLength}",
                nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => $"{users.Options.Password.RequiredUniqueChars}",
                _ => null,
            })));
        }
        return errors;
    }

    /// <summary>Trimmed, without blanks and repeats, in the order given.</summary>
    public static List<string> Clean(IEnumerable<string?>? names) =>
        names?.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim()).Distinct(StringComparer.Ordinal).ToList() ?? [];

    public static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
