namespace AdapterPipeline.Contracts.Webhooks;

/// <summary>Asks for a user's subscriptions. Answered with <see cref="WebhookSubscriptionList"/> or <see cref="Requests.RequestRejected"/>.</summary>
/// <param name="UserId">The user.</param>
public sealed record ListWebhookSubscriptions(string UserId);
