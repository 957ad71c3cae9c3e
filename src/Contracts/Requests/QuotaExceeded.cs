namespace AdapterPipeline.Contracts.Requests;

/// <summary>The quota a refused request would have exceeded (<see cref="RejectionReasons.QuotaExceeded"/>).</summary>
/// <param name="Quota">One of <see cref="Usage.Quotas"/>.</param>
/// <param name="Limit">The most allowed.</param>
/// <param name="Used">In use before the request.</param>
public sealed record QuotaExceeded(string Quota, long Limit, long Used);
