namespace AdapterPipeline.Contracts.Webhooks;

/// <summary>
/// Removes a subscription; its deliveries still pending are not sent. Answered with
/// <see cref="WebhookSubscriptionDeleted"/> or <see cref="Requests.RequestRejected"/> (<c>not_found</c>).
/// </summary>
/// <param name="UserId">The user.</param>
/// <param name="SubscriptionId">The subscription.</param>
public sealed record DeleteWebhookSubscription(string UserId, Guid SubscriptionId);
