namespace AdapterPipeline.Contracts.Webhooks;

/// <summary>
/// Asks for the secret that signs a user's per-job webhooks (a job's own <c>webhook_url</c>), creating it on first
/// use. Answered with <see cref="JobWebhookSecret"/> or <see cref="Requests.RequestRejected"/>.
/// </summary>
/// <param name="UserId">The user.</param>
public sealed record GetJobWebhookSecret(string UserId);
