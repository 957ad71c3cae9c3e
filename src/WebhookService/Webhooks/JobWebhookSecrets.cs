using Marten;
using JasperFx;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.WebhookService.Webhooks;

/// <summary>
/// Per-job webhooks (a job's own <c>webhook_url</c>) are signed with a secret per user, made on first use: a
/// receiver verifies them as it does its subscriptions' webhooks, and one user's secret never signs another's.
/// </summary>
public sealed class JobWebhookSecrets(IDocumentStore store, WebhookSecretProtector protector, IOptions<WebhookOptions> options, TimeProvider clock)
{
    /// <summary>The user's secret in plain text, when it was made, and until when the one it replaced signs too.</summary>
    public async Task<(string Secret, DateTimeOffset CreatedAt, DateTimeOffset? PreviousValidUntil)> GetOrCreateAsync(string userId, CancellationToken ct)
    {
        var document = await LoadOrCreateAsync(userId, ct);
        return (protector.Unprotect(document.Secret), document.CreatedAt, Live(document.PreviousSecret, document.PreviousSecretValidUntil) is null ? null : document.PreviousSecretValidUntil);
    }

    /// <summary>A new secret for the user's per-job webhooks; the current one keeps signing for the overlap.</summary>
    public async Task<(string Secret, DateTimeOffset CreatedAt, DateTimeOffset PreviousValidUntil)> RotateAsync(string userId, CancellationToken ct)
    {
        var current = await LoadOrCreateAsync(userId, ct);
        var now = clock.GetUtcNow();
        var secret = WebhookSecrets.New();
        var rotated = current with
        {
            Secret = protector.Protect(secret),
            PreviousSecret = current.Secret,
            PreviousSecretValidUntil = now + options.Value.SecretRotationOverlap,
            CreatedAt = now,
        };
        await using var session = store.LightweightSession();
        session.Store(rotated);
        await session.SaveChangesAsync(ct);
        return (secret, now, rotated.PreviousSecretValidUntil!.Value);
    }

    /// <summary>The encrypted previous secret while it still signs; null once its overlap has passed.</summary>
    private string? Live(string? previous, DateTimeOffset? validUntil) =>
        previous is not null && validUntil > clock.GetUtcNow() ? previous : null;

    private async Task<JobWebhookSecretDocument> LoadOrCreateAsync(string userId, CancellationToken ct)
    {
        await using (var query = store.QuerySession())
        {
            if (await query.LoadAsync<JobWebhookSecretDocument>(userId, ct) is { } existing)
            {
                return existing;
            }
        }
        var created = new JobWebhookSecretDocument { Id = userId, Secret = protector.Protect(WebhookSecrets.New()), CreatedAt = clock.GetUtcNow() };
        try
        {
            await using var session = store.LightweightSession();
            session.Insert(created);
            await session.SaveChangesAsync(ct);
            return created;
        }
        catch (DocumentAlreadyExistsException)
        {
            // Another request made it first: theirs is the one.
            await using var query = store.QuerySession();
            return await query.LoadAsync<JobWebhookSecretDocument>(userId, ct) ?? throw new InvalidOperationException("The job webhook secret vanished.");
        }
    }

    /// <summary>
    /// The secrets that sign <paramref name="delivery"/>, the current one first and the rotated-out one while its
    /// overlap lasts; null when its subscription is gone or disabled.
    /// </summary>
    public async Task<IReadOnlyList<string>?> SecretsForAsync(WebhookDelivery delivery, CancellationToken ct)
    {
        if (delivery.SubscriptionId is not { } subscriptionId)
        {
            var document = await LoadOrCreateAsync(delivery.UserId, ct);
            return Plain(document.Secret, Live(document.PreviousSecret, document.PreviousSecretValidUntil));
        }
        await using var query = store.QuerySession();
        var subscription = await query.LoadAsync<WebhookSubscription>(subscriptionId, ct);
        return subscription is { Enabled: true }
            ? Plain(subscription.Secret, Live(subscription.PreviousSecret, subscription.PreviousSecretValidUntil))
            : null;
    }

    private List<string> Plain(string current, string? previous) =>
        previous is null ? [protector.Unprotect(current)] : [protector.Unprotect(current), protector.Unprotect(previous)];
}
