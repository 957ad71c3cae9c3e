using System.Security.Claims;

namespace AdapterPipeline.Ingress.Identity;

/// <summary>
/// The authenticated principal in the API's terms: a service (may act for any user) or bound to one user, optionally
/// read-only. <see cref="Id"/> is a key id or a token subject, never a secret.
/// </summary>
public sealed record Caller(string Id, string? UserId, bool ReadOnly)
{
    private const string IdClaim = "adapter_pipeline:principal";
    private const string UserClaim = "adapter_pipeline:user_id";
    private const string ReadOnlyClaim = "adapter_pipeline:read_only";

    public bool IsService => UserId is null;

    public bool MayActFor(string userId) => IsService || string.Equals(UserId, userId, StringComparison.Ordinal);

    public ClaimsPrincipal ToPrincipal(string scheme)
    {
        var claims = new List<Claim> { new(IdClaim, Id), new(ClaimTypes.Name, Id) };
        if (UserId is not null)
        {
            claims.Add(new Claim(UserClaim, UserId));
        }
        if (ReadOnly)
        {
            claims.Add(new Claim(ReadOnlyClaim, "true"));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>Who acts, as commands carry it (<c>ActedBy</c>) and the avatar's history shows it: the caller's id.</summary>
    public static string IdOf(ClaimsPrincipal principal) =>
        From(principal)?.Id ?? throw new InvalidOperationException("The route requires an authenticated caller.");

    /// <summary>The caller a principal made by <see cref="ToPrincipal"/> stands for; null when unauthenticated.</summary>
    public static Caller? From(ClaimsPrincipal principal) =>
        principal.FindFirst(IdClaim)?.Value is { } id
            ? new Caller(id, principal.FindFirst(UserClaim)?.Value, principal.HasClaim(ReadOnlyClaim, "true"))
            : null;
}
