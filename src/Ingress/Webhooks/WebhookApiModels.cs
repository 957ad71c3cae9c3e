using AdapterPipeline.Contracts.Webhooks;
using Microsoft.AspNetCore.Mvc;

namespace AdapterPipeline.Ingress.Webhooks;

/// <summary>Body of <c>POST /webhooks/{user_id}/subscriptions</c>.</summary>
/// <param name="Url">Absolute http(s) URL that receives the events.</param>
/// <param name="Events">Event types to send; omitted or empty: all.</param>
/// <param name="Description">Free text, at most 256 characters.</param>
public sealed record SubscriptionBody(string? Url, string[]? Events, string? Description);

/// <summary>A new subscription; the only answer that shows its secret.</summary>
public sealed record CreatedSubscription(
    Guid SubscriptionId, string UserId, string Url, IReadOnlyList<string> Events, string? Description, string Secret, DateTimeOffset CreatedAt, bool Enabled)
{
    public static CreatedSubscription From(WebhookSubscriptionCreated created)
    {
        var s = created.Subscription;
        return new(s.SubscriptionId, s.UserId, s.Url, s.Events, s.Description, created.Secret, s.CreatedAt, s.Enabled);
    }
}

public sealed record SubscriptionList(string UserId, IReadOnlyList<WebhookSubscriptionDetails> Subscriptions);

public sealed record DeliveryPage(string UserId, IReadOnlyList<WebhookDeliveryDetails> Deliveries, int Limit, string? NextCursor);

public sealed record JobSecret(string UserId, string Secret, DateTimeOffset CreatedAt, DateTimeOffset? PreviousSecretValidUntil);

/// <summary>Query of the deliveries list: page size and the cursor of the previous page.</summary>
public sealed record DeliveryPageQuery([FromQuery(Name = "limit")] string? Limit, [FromQuery(Name = "cursor")] string? Cursor);
