namespace AdapterPipeline.Contracts.Webhooks;

/// <summary>A user's subscriptions, oldest first.</summary>
/// <param name="UserId">The user.</param>
/// <param name="Subscriptions">The subscriptions.</param>
public sealed record WebhookSubscriptionList(string UserId, IReadOnlyList<WebhookSubscriptionDetails> Subscriptions);
