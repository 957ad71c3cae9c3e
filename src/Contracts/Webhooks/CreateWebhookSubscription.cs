namespace AdapterPipeline.Contracts.Webhooks;

/// <summary>
/// Subscribes a callback URL to a user's webhook events. Answered with <see cref="WebhookSubscriptionCreated"/> or
/// <see cref="Requests.RequestRejected"/>.
/// </summary>
/// <param name="UserId">The user whose events are sent.</param>
/// <param name="Url">Absolute http(s) URL that receives the events.</param>
/// <param name="Events">The event types to send (see <see cref="WebhookEventTypes"/>); null or empty: all of them.</param>
/// <param name="Description">Free text for the subscriber, at most 256 characters.</param>
public sealed record CreateWebhookSubscription(string UserId, string Url, IReadOnlyList<string>? Events, string? Description);
