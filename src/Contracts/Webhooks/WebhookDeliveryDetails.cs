namespace AdapterPipeline.Contracts.Webhooks;

/// <summary>One webhook message to one URL, with every attempt to send it.</summary>
/// <param name="DeliveryId">The delivery.</param>
/// <param name="MessageId">The <c>webhook-id</c> header it is sent with (the same on every attempt).</param>
/// <param name="UserId">The user whose event it is.</param>
/// <param name="SubscriptionId">The subscription it is for; null for a job's own <c>webhook_url</c>.</param>
/// <param name="EventType">The event type (see <see cref="WebhookEventTypes"/>).</param>
/// <param name="Url">Where it is sent.</param>
/// <param name="State"><c>pending</c>, <c>succeeded</c>, <c>failed</c> (retries exhausted) or <c>disabled</c> (410 Gone, or the subscription is gone or disabled).</param>
/// <param name="CreatedAt">When the event was recorded for sending.</param>
/// <param name="NextAttemptAt">When the next attempt is due; null unless pending.</param>
/// <param name="Attempts">Every attempt, oldest first.</param>
public sealed record WebhookDeliveryDetails(
    Guid DeliveryId,
    string MessageId,
    string UserId,
    Guid? SubscriptionId,
    string EventType,
    string Url,
    string State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt,
    IReadOnlyList<WebhookAttempt> Attempts);
