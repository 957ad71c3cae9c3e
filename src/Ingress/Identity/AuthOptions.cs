namespace AdapterPipeline.Ingress.Identity;

/// <summary>Who may call the API: the bootstrap key, API keys and (when configured) JWT bearer tokens. Section <c>Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>
    /// Lowercase hex SHA-256 of the bootstrap admin key (a service key that may manage keys), e.g.
    /// <c>printf %s "$KEY" | sha256sum</c>. Empty: no bootstrap key.
    /// </summary>
    public string? BootstrapKeyHash { get; set; }

    /// <summary>How long one instance trusts a looked-up key; a revoked key is refused everywhere once it passes (at most 5 s).</summary>
    public TimeSpan KeyCacheLifetime { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>A key's <c>last_used_at</c> is written at most this often per instance.</summary>
    public TimeSpan LastUsedWriteInterval { get; set; } = TimeSpan.FromMinutes(1);

    public JwtOptions Jwt { get; set; } = new();
}

/// <summary>JWT bearer tokens from the platform's identity provider; off unless <see cref="Issuer"/> is set. Section <c>Auth:Jwt</c>.</summary>
public sealed class JwtOptions
{
    public string? Issuer { get; set; }

    public string? Audience { get; set; }

    /// <summary>OpenID Connect authority whose discovery document names the JWKS URL (signing keys are fetched and refreshed).</summary>
    public string? Authority { get; set; }

    /// <summary>Inline signing keys: a JWKS document (<c>{"keys":[...]}</c>), used instead of <see cref="Authority"/>.</summary>
    public string? Jwks { get; set; }

    /// <summary>The claim that carries the user id.</summary>
    public string UserClaim { get; set; } = "sub";

    /// <summary>The claim (space-separated or repeated, e.g. <c>scope</c> or <c>roles</c>) that may grant the service scope.</summary>
    public string ScopeClaim { get; set; } = "scope";

    /// <summary>The value of <see cref="ScopeClaim"/> that makes the token a service principal (may act for any user).</summary>
    public string ServiceScope { get; set; } = "adapter-pipeline:service";

    public bool Enabled => !string.IsNullOrWhiteSpace(Issuer);
}
