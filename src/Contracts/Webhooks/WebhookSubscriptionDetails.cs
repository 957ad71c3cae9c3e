namespace AdapterPipeline.Contracts.Webhooks;

/// <summary>A webhook subscription as listed (never with its secret).</summary>
/// <param name="SubscriptionId">The subscription.</param>
/// <param name="UserId">The user whose events are sent.</param>
/// <param name="Url">Where the events are sent.</param>
/// <param name="Events">The event types sent.</param>
/// <param name="Description">Free text, if any.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="Enabled">False once the receiver answered 410 Gone.</param>
/// <param name="DisabledReason">Why it was disabled, if it was.</param>
public sealed record WebhookSubscriptionDetails(
    Guid SubscriptionId,
    string UserId,
    string Url,
    IReadOnlyList<string> Events,
    string? Description,
    DateTimeOffset CreatedAt,
    bool Enabled,
    string? DisabledReason);
