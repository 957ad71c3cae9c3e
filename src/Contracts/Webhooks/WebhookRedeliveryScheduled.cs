namespace AdapterPipeline.Contracts.Webhooks;

/// <summary>Answer to <see cref="RedeliverWebhook"/>: the delivery is pending again.</summary>
/// <param name="Delivery">The delivery as it now stands.</param>
public sealed record WebhookRedeliveryScheduled(WebhookDeliveryDetails Delivery);
