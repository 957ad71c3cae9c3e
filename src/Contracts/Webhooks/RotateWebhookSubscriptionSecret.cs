namespace AdapterPipeline.Contracts.Webhooks;

/// <summary>
/// Replaces a subscription's signing secret; the old one keeps signing beside the new one for the configured overlap.
/// Answered with <see cref="WebhookSubscriptionSecretRotated"/> or <see cref="Requests.RequestRejected"/>
/// (<c>not_found</c> for another user's subscription).
/// </summary>
/// <param name="UserId">The subscription's owner.</param>
/// <param name="SubscriptionId">The subscription.</param>
public sealed record RotateWebhookSubscriptionSecret(string UserId, Guid SubscriptionId);

/// <summary>A subscription's new signing secret, shown only here.</summary>
/// <param name="UserId">The subscription's owner.</param>
/// <param name="SubscriptionId">The subscription.</param>
/// <param name="Secret">The new signing secret (<c>whsec_</c> + base64 key).</param>
/// <param name="PreviousSecretValidUntil">Until when the old secret signs too.</param>
public sealed record WebhookSubscriptionSecretRotated(string UserId, Guid SubscriptionId, string Secret, DateTimeOffset PreviousSecretValidUntil);
