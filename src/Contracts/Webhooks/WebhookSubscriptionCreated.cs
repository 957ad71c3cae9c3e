namespace AdapterPipeline.Contracts.Webhooks;

/// <summary>Answer to <see cref="CreateWebhookSubscription"/>: the subscription and its signing secret.</summary>
/// <param name="Subscription">The new subscription.</param>
/// <param name="Secret">The signing secret (<c>whsec_</c> + base64 key); given only here.</param>
public sealed record WebhookSubscriptionCreated(WebhookSubscriptionDetails Subscription, string Secret);
