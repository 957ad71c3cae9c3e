namespace AdapterPipeline.Ingress.Identity;

/// <summary>The key to issue: bound to <paramref name="UserId"/> or, when null, service-scoped.</summary>
public sealed record ApiKeyBody(string? UserId, bool? ReadOnly, int? ExpiresInDays);

/// <summary>A new key; <paramref name="ApiKey"/> is shown only in this answer.</summary>
public sealed record IssuedApiKey(string KeyId, string ApiKey, string? UserId, bool ReadOnly, DateTimeOffset? ExpiresAt);

public sealed record ApiKeyDetails(
    string KeyId, string? UserId, bool ReadOnly, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt);

public sealed record ApiKeyList(IReadOnlyList<ApiKeyDetails> Keys);
