namespace AdapterPipeline.Contracts.Webhooks;

/// <summary>
/// Asks for one page of a user's webhook deliveries, newest first. Answered with <see cref="WebhookDeliveryList"/>
/// or <see cref="Requests.RequestRejected"/>.
/// </summary>
/// <param name="UserId">The user.</param>
/// <param name="Limit">Page size, 1 to 100.</param>
/// <param name="Cursor">The <c>NextCursor</c> of the previous page; null for the first page.</param>
public sealed record ListWebhookDeliveries(string UserId, int Limit, string? Cursor);
