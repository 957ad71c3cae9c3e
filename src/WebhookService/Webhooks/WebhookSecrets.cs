using System.Security.Cryptography;

namespace AdapterPipeline.WebhookService.Webhooks;

/// <summary>Signing secrets in the Standard Webhooks form: <c>whsec_</c> followed by the base64 of the key bytes.</summary>
public static class WebhookSecrets
{
    public const string Prefix = "whsec_";
    public const int KeyBytes = 32;

    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes));

    /// <summary>The HMAC key of a secret: the bytes its base64 part encodes.</summary>
    public static byte[] KeyOf(string secret) =>
        Convert.FromBase64String(secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret);
}
