namespace AdapterPipeline.Contracts.Webhooks;

/// <summary>
/// Replaces the secret that signs a user's per-job webhooks; the old one keeps signing beside the new one for the
/// configured overlap. Answered with <see cref="JobWebhookSecret"/> (the new secret) or <see cref="Requests.RequestRejected"/>.
/// </summary>
/// <param name="UserId">The user.</param>
public sealed record RotateJobWebhookSecret(string UserId);
