namespace AdapterPipeline.Ingress.Identity;

/// <summary>An issued API key as stored: its hash, never the key.</summary>
public sealed record StoredApiKey(
    string KeyId,
    byte[] Hash,
    string? UserId,
    bool ReadOnly,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt)
{
    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);

    public Caller ToCaller() => new(KeyId, UserId, ReadOnly);
}
