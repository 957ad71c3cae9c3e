namespace AdapterPipeline.Contracts.Webhooks;

/// <summary>
/// Sends a delivery again now, whatever its state, with the retry schedule started afresh. Answered with
/// <see cref="WebhookRedeliveryScheduled"/> or <see cref="Requests.RequestRejected"/>.
/// </summary>
/// <param name="UserId">The user.</param>
/// <param name="DeliveryId">The delivery.</param>
public sealed record RedeliverWebhook(string UserId, Guid DeliveryId);
