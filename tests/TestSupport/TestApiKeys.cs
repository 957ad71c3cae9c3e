using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace AdapterPipeline.TestSupport;

/// <summary>The bootstrap admin key every hosted Ingress is configured with, and the header that sends it.</summary>
public static class TestApiKeys
{
    /// <summary>A service key (any user, may manage keys), shaped like an issued one.</summary>
    public const string Bootstrap = "ap_live_b00757a900000000_" + "5e7f0c1d2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5";

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static AuthenticationHeaderValue Header(string key) => new("Bearer", key);
}
