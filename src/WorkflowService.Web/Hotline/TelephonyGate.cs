using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace WorkflowService.Web.Hotline;

/// <summary>
/// Admits a telephony event when its <c>X-Telephony-Secret</c> equals <c>Telephony:Secret</c>.
/// Both sides are hashed first and compared in constant time, so neither the secret's content
/// nor its length leaks through timing. No configured secret admits nothing.
/// </summary>
public sealed class TelephonyGate(IOptionsMonitor<TelephonyOptions> options, ILogger<TelephonyGate> logger)
{
    public const string Header = "X-Telephony-Secret";

    public bool Admits(string? presented)
    {
        var secret = options.CurrentValue.Secret;
        if (string.IsNullOrEmpty(secret))
        {
            logger.SecretNotConfigured();
            return false;
        }
        var admitted = !string.IsNullOrEmpty(presented)
                       && CryptographicOperations.FixedTimeEquals(Hash(presented), Hash(secret));
        if (!admitted) logger.SecretRefused(Header);
        return admitted;
    }

    private static byte[] Hash(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));
}
