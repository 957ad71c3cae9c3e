namespace AdapterPipeline.Contracts.Webhooks;

/// <summary>Answer to <see cref="DeleteWebhookSubscription"/>: the subscription is gone.</summary>
/// <param name="UserId">The user.</param>
/// <param name="SubscriptionId">The removed subscription.</param>
public sealed record WebhookSubscriptionDeleted(string UserId, Guid SubscriptionId);
