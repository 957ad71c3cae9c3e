using System.Security.Cryptography;
using System.Text;

namespace AdapterPipeline.Ingress.Identity;

/// <summary>
/// The one format of an issued API key: <c>ap_live_&lt;key id&gt;_&lt;secret&gt;</c>, a 16-hex-digit key id to look the
/// key up by and a 256-bit random secret in hex. Only the SHA-256 of the whole key is stored.
/// </summary>
public static class ApiKeyToken
{
    public const string Prefix = "ap_live_";
    private const int KeyIdLength = 16;
    private const int SecretLength = 64;

    public static (string KeyId, string Token) Create()
    {
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyIdLength / 2));
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SecretLength / 2));
        return (keyId, $"{Prefix}{keyId}_{secret}");
    }

    /// <summary>The key id of a token shaped like an issued key; null for anything else.</summary>
    public static string? KeyIdOf(string token) =>
        token.Length == Prefix.Length + KeyIdLength + 1 + SecretLength
        && token.StartsWith(Prefix, StringComparison.Ordinal)
        && token[Prefix.Length + KeyIdLength] == '_'
        && token.AsSpan(Prefix.Length).ContainsAnyExcept("0123456789abcdef_") is false
            ? token.Substring(Prefix.Length, KeyIdLength)
            : null;

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public static bool Matches(string token, byte[] hash) => CryptographicOperations.FixedTimeEquals(Hash(token), hash);
}
