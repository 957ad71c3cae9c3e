namespace AdapterPipeline.Contracts.Diagnostics;

/// <summary>A service's answer to <see cref="PingRequested"/>.</summary>
/// <param name="PingId">The ping being answered.</param>
/// <param name="Service">The answering service, e.g. <c>training-worker</c>.</param>
/// <param name="Instance">Host name and process id of the answering instance.</param>
/// <param name="Detail">Service-specific facts, e.g. the device a training worker trains on.</param>
/// <param name="AnsweredAt">When the answer was sent.</param>
public sealed record PingAnswered(Guid PingId, string Service, string Instance, string? Detail, DateTimeOffset AnsweredAt);
