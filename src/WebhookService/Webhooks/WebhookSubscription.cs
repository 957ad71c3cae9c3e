using AdapterPipeline.Contracts.Webhooks;

namespace AdapterPipeline.WebhookService.Webhooks;

/// <summary>A user's callback URL for some event types, with its own signing secret (a Marten document).</summary>
public sealed record WebhookSubscription
{
    public Guid Id { get; init; }
    public string UserId { get; init; } = "";
    public string Url { get; init; } = "";
    public string[] Events { get; init; } = [];
    public string? Description { get; init; }

    /// <summary>The signing secret, encrypted (<see cref="WebhookSecretProtector"/>).</summary>
    public string Secret { get; init; } = "";

    /// <summary>The secret it replaced, encrypted, signing too until <see cref="PreviousSecretValidUntil"/>.</summary>
    public string? PreviousSecret { get; init; }
    public DateTimeOffset? PreviousSecretValidUntil { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public bool Enabled { get; init; } = true;
    public string? DisabledReason { get; init; }

    public bool Wants(string eventType) => Enabled && Events.Contains(eventType);

    public WebhookSubscription Disable(string reason) => this with { Enabled = false, DisabledReason = reason };

    public WebhookSubscriptionDetails ToDetails() => new(Id, UserId, Url, Events, Description, CreatedAt, Enabled, DisabledReason);
}

/// <summary>The secret that signs a user's per-job webhooks, made on first use (a Marten document keyed by user id).</summary>
public sealed record JobWebhookSecretDocument
{
    public string Id { get; init; } = "";

    /// <summary>The signing secret, encrypted (<see cref="WebhookSecretProtector"/>).</summary>
    public string Secret { get; init; } = "";

    /// <summary>The secret it replaced, encrypted, signing too until <see cref="PreviousSecretValidUntil"/>.</summary>
    public string? PreviousSecret { get; init; }
    public DateTimeOffset? PreviousSecretValidUntil { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
