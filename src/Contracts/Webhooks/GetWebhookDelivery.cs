namespace AdapterPipeline.Contracts.Webhooks;

/// <summary>Asks for one delivery. Answered with <see cref="WebhookDeliveryFound"/> or <see cref="Requests.RequestRejected"/>.</summary>
/// <param name="UserId">The user.</param>
/// <param name="DeliveryId">The delivery.</param>
public sealed record GetWebhookDelivery(string UserId, Guid DeliveryId);
