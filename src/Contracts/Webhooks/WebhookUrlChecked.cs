namespace AdapterPipeline.Contracts.Webhooks;

/// <summary>The answer to <see cref="CheckWebhookUrl"/>.</summary>
/// <param name="Url">The URL checked.</param>
/// <param name="Problem">Why it is refused (e.g. "resolves to a loopback address (127.0.0.1)"); null when it may be called.</param>
public sealed record WebhookUrlChecked(string Url, string? Problem);
