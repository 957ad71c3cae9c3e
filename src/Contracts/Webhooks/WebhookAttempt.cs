namespace AdapterPipeline.Contracts.Webhooks;

/// <summary>One try to send a webhook.</summary>
/// <param name="AttemptedAt">When the request started.</param>
/// <param name="StatusCode">The receiver's HTTP status; null when there was no answer.</param>
/// <param name="Error">Why it failed without an answer (timeout, refused address, connection error), or a note on the status.</param>
/// <param name="DurationMs">How long it took, in milliseconds.</param>
/// <param name="Succeeded">True for a 2xx answer.</param>
public sealed record WebhookAttempt(DateTimeOffset AttemptedAt, int? StatusCode, string? Error, long DurationMs, bool Succeeded);
