using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace WorkflowService.Runtime.Notifications.Robots;

/// <summary>
/// Keeps a database robot's URL and secret encrypted at rest with ASP.NET Core data protection (the web host's keys,
/// kept in the database and shared by every node), so a copy of the database does not hand out the webhooks. A host
/// without data protection (the runtime alone, in tests) stores them as they are; a stored value is read either way.
/// </summary>
public sealed class RobotSecrets(IDataProtectionProvider? provider = null)
{
    private const string Prefix = "dp1:";
    private readonly IDataProtector? _protector = provider?.CreateProtector("WorkflowService.Robots.v1");

    public string Protect(string value) => _protector is null || value.Length == 0 ? value : Prefix + _protector.Protect(value);

    /// <summary>The value as written, or null when it cannot be read back (the keys are gone): the admin enters it again.</summary>
    public string? Unprotect(string? stored)
    {
        if (stored is null || !stored.StartsWith(Prefix, StringComparison.Ordinal)) return stored;
        if (_protector is null) return null;
        try
        {
            return _protector.Unprotect(stored[Prefix.Length..]);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
