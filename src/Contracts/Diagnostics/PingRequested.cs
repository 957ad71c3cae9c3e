namespace AdapterPipeline.Contracts.Diagnostics;

/// <summary>
/// Asks every service on the bus to answer with a <see cref="PingAnswered"/>; proves that the broker routes
/// messages to each of them.
/// </summary>
/// <param name="PingId">Correlates the answers with this request.</param>
/// <param name="RequestedAt">When the ping was sent.</param>
public sealed record PingRequested(Guid PingId, DateTimeOffset RequestedAt);
