namespace AdapterPipeline.Ingress.Identity;

public static class BearerToken
{
    /// <summary>The token of an <c>Authorization: Bearer &lt;token&gt;</c> header; null when there is none or it is another scheme.</summary>
    public static string? Of(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && header.Length > scheme.Length
            ? header[scheme.Length..].Trim()
            : null;
    }

    /// <summary>Three dot-separated parts: a JWT (JWS compact form), never an API key.</summary>
    public static bool LooksLikeJwt(string token) => token.Count(c => c == '.') == 2;
}
