namespace AdapterPipeline.Contracts.Webhooks;

/// <summary>One page of a user's webhook deliveries, newest first.</summary>
/// <param name="UserId">The user.</param>
/// <param name="Deliveries">The page.</param>
/// <param name="NextCursor">Pass as <c>Cursor</c> for the next page; null on the last page.</param>
public sealed record WebhookDeliveryList(string UserId, IReadOnlyList<WebhookDeliveryDetails> Deliveries, string? NextCursor);
