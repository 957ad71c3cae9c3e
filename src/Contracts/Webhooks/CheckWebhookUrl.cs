namespace AdapterPipeline.Contracts.Webhooks;

/// <summary>
/// Request to the webhook service: may this callback URL be called (absolute http(s), no credentials, and a host
/// that resolves only to addresses the service's configuration allows)? Sent for a job's own <c>webhook_url</c>
/// before the job is accepted. Answered with <see cref="WebhookUrlChecked"/>.
/// </summary>
/// <param name="Url">The URL as requested.</param>
public sealed record CheckWebhookUrl(string Url);
