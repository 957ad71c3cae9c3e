using Marten;
using JasperFx;

namespace AdapterPipeline.WebhookService.Webhooks;

/// <summary>
/// Per-job webhooks (a job's own <c>webhook_url</c>) are signed with a secret per user, made on first use: a
/// receiver verifies them as it does its subscriptions' webhooks, and one user's secret never signs another's.
/// </summary>
public sealed class JobWebhookSecrets(IDocumentStore store, WebhookSecretProtector protector, TimeProvider clock)
{
    /// <summary>The user's secret in plain text, and when it was made.</summary>
    public async Task<(string Secret, DateTimeOffset CreatedAt)> GetOrCreateAsync(string userId, CancellationToken ct)
    {
        var document = await LoadOrCreateAsync(userId, ct);
        return (protector.Unprotect(document.Secret), document.CreatedAt);
    }

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

    /// <summary>The secret that signs <paramref name="delivery"/>; null when its subscription is gone or disabled.</summary>
    public async Task<string?> SecretForAsync(WebhookDelivery delivery, CancellationToken ct)
    {
        if (delivery.SubscriptionId is not { } subscriptionId)
        {
            return (await GetOrCreateAsync(delivery.UserId, ct)).Secret;
        }
        await using var query = store.QuerySession();
        var subscription = await query.LoadAsync<WebhookSubscription>(subscriptionId, ct);
        return subscription is { Enabled: true } ? protector.Unprotect(subscription.Secret) : null;
    }
}
