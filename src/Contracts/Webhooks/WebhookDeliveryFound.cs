namespace AdapterPipeline.Contracts.Webhooks;

/// <summary>Answer to <see cref="GetWebhookDelivery"/>.</summary>
/// <param name="Delivery">The delivery.</param>
public sealed record WebhookDeliveryFound(WebhookDeliveryDetails Delivery);
