using System.Security.Cryptography;
using System.Text;

namespace Integrations.API.Deliveries;

/// <summary>
/// Signatures as the Standard Webhooks specification (standardwebhooks.com) makes them, so that its libraries verify ours:
/// HMAC-SHA256, keyed with the secret's bytes (the base64 after <c>whsec_</c>), over <c>{webhook-id}.{webhook-timestamp}.{body}</c>,
/// sent as <c>webhook-signature: v1,&lt;base64&gt;</c>; the timestamp is Unix seconds.
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    /// <summary>A new secret: <c>whsec_</c> and 32 random bytes in base64.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The <c>webhook-signature</c> header's value for one message.</summary>
    public static string Sign(string secret, string webhookId, long timestamp, string body)
    {
        var signed = Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(Key(secret), signed));
    }

    /// <summary>
    /// What a receiver does: true when one of the space-separated <c>v1,</c> signatures in <paramref name="header"/> matches
    /// (compared in constant time) and the timestamp is within <paramref name="tolerance"/> of <paramref name="now"/>.
    /// </summary>
    public static bool Verify(string secret, string webhookId, long timestamp, string body, string header, DateTimeOffset now, TimeSpan tolerance)
    {
        if ((now - DateTimeOffset.FromUnixTimeSeconds(timestamp)).Duration() > tolerance) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(secret, webhookId, timestamp, body));
        return header.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(candidate => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(candidate), expected));
    }

    private static byte[] Key(string secret) =>
        Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
}
