namespace AdapterPipeline.Contracts.Usage;

/// <summary>A user's usage against the quotas one service enforces.</summary>
/// <param name="UserId">The user.</param>
/// <param name="Quotas">One entry per quota; per-avatar quotas once per avatar in use.</param>
public sealed record UserUsage(string UserId, IReadOnlyList<QuotaUsage> Quotas);

/// <summary>How much of one quota is in use.</summary>
/// <param name="Quota">One of <see cref="Usage.Quotas"/>.</param>
/// <param name="Limit">The most allowed.</param>
/// <param name="Used">In use now.</param>
/// <param name="AvatarId">The avatar, for a per-avatar quota; null for a per-user one.</param>
public sealed record QuotaUsage(string Quota, long Limit, long Used, string? AvatarId = null);
