using AdapterPipeline.Contracts.Requests;
using AdapterPipeline.Contracts.Webhooks;
using AdapterPipeline.Messaging;
using AdapterPipeline.Domain.Validation;
using AdapterPipeline.Contracts.Usage;
using Marten;
using MassTransit;
using Medallion.Threading.Postgres;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AdapterPipeline.WebhookService.Webhooks.Consumers;

/// <summary>
/// Creates, lists and removes subscriptions, and hands out the user's job webhook secret. A user's subscriptions are
/// counted and created under a lock of the user's, so two at once cannot both slip under the quota.
/// </summary>
public sealed class WebhookSubscriptionsConsumer(
    IDocumentSession session, WebhookUrlGuard guard, JobWebhookSecrets jobSecrets, WebhookSecretProtector protector,
    NpgsqlDataSource dataSource, IOptions<WebhookQuotaOptions> quotas, IOptions<WebhookOptions> options, TimeProvider clock)
    : IConsumer<CreateWebhookSubscription>, IConsumer<ListWebhookSubscriptions>, IConsumer<DeleteWebhookSubscription>, IConsumer<GetJobWebhookSecret>,
        IConsumer<RotateJobWebhookSecret>, IConsumer<RotateWebhookSubscriptionSecret>
{
    public const int MaxDescriptionLength = 256;

    public async Task Consume(ConsumeContext<CreateWebhookSubscription> context)
    {
        var m = context.Message;
        var errors = new ValidationErrors().AddIf("user_id", InputRules.IdProblem(m.UserId));
        var unknown = (m.Events ?? []).Where(e => !WebhookEventTypes.IsKnown(e)).ToList();
        if (unknown.Count > 0)
        {
            errors.Add("events", $"unknown event type(s) {string.Join(", ", unknown)}; known: {string.Join(", ", WebhookEventTypes.All)}");
        }
        if (m.Description is { Length: > MaxDescriptionLength })
        {
            errors.Add("description", $"must be at most {MaxDescriptionLength} characters");
        }
        if (string.IsNullOrWhiteSpace(m.Url))
        {
            errors.Add("url", "is required");
        }
        RequestRejectedException.ThrowIfAny(errors.ToDictionary());
        if (await guard.UrlProblemAsync(m.Url, context.CancellationToken) is { } problem)
        {
            throw WebhookRejections.UrlRefused(problem);
        }

        await using var connection = await dataSource.OpenConnectionAsync(context.CancellationToken);
        var userLock = new PostgresDistributedLock(new PostgresAdvisoryLockKey($"webhook-subscriptions:{m.UserId}", allowHashing: true), connection);
        await using var held = await userLock.AcquireAsync(cancellationToken: context.CancellationToken);
        var limit = quotas.Value.WebhookSubscriptionsPerUser;
        var count = await session.Query<WebhookSubscription>().CountAsync(s => s.UserId == m.UserId, context.CancellationToken);
        if (count >= limit)
        {
            throw RequestRejectedException.OverQuota(Quotas.WebhookSubscriptionsPerUser, limit, count, "another subscription");
        }

        var events = m.Events is { Count: > 0 } chosen ? WebhookEventTypes.All.Where(chosen.Contains).ToArray() : WebhookEventTypes.All.ToArray();
        var secret = WebhookSecrets.New();
        var subscription = new WebhookSubscription
        {
            Id = NewId.NextGuid(),
            UserId = m.UserId,
            Url = m.Url,
            Events = events,
            Description = m.Description,
            Secret = protector.Protect(secret),
            CreatedAt = clock.GetUtcNow(),
        };
        session.Insert(subscription);
        await session.SaveChangesAsync(context.CancellationToken);
        await context.RespondAsync(new WebhookSubscriptionCreated(subscription.ToDetails(), secret));
    }

    public async Task Consume(ConsumeContext<ListWebhookSubscriptions> context)
    {
        var m = context.Message;
        WebhookRejections.CheckUserId(m.UserId);
        var subscriptions = await session.Query<WebhookSubscription>().Where(s => s.UserId == m.UserId)
            .OrderBy(s => s.CreatedAt).ToListAsync(context.CancellationToken);
        await context.RespondAsync(new WebhookSubscriptionList(m.UserId, subscriptions.Select(s => s.ToDetails()).ToList()));
    }

    public async Task Consume(ConsumeContext<DeleteWebhookSubscription> context)
    {
        var m = context.Message;
        WebhookRejections.CheckUserId(m.UserId);
        var subscription = await session.LoadAsync<WebhookSubscription>(m.SubscriptionId, context.CancellationToken);
        if (subscription is null || subscription.UserId != m.UserId)
        {
            throw RequestRejectedException.Field(RejectionReasons.NotFound, "subscription_id", $"no webhook subscription {m.SubscriptionId} for this user");
        }
        session.Delete(subscription);
        await session.SaveChangesAsync(context.CancellationToken);
        await context.RespondAsync(new WebhookSubscriptionDeleted(m.UserId, m.SubscriptionId));
    }

    public async Task Consume(ConsumeContext<GetJobWebhookSecret> context)
    {
        var m = context.Message;
        WebhookRejections.CheckUserId(m.UserId);
        var secret = await jobSecrets.GetOrCreateAsync(m.UserId, context.CancellationToken);
        await context.RespondAsync(new JobWebhookSecret(m.UserId, secret.Secret, secret.CreatedAt, secret.PreviousValidUntil));
    }

    public async Task Consume(ConsumeContext<RotateJobWebhookSecret> context)
    {
        var m = context.Message;
        WebhookRejections.CheckUserId(m.UserId);
        var rotated = await jobSecrets.RotateAsync(m.UserId, context.CancellationToken);
        await context.RespondAsync(new JobWebhookSecret(m.UserId, rotated.Secret, rotated.CreatedAt, rotated.PreviousValidUntil));
    }

    public async Task Consume(ConsumeContext<RotateWebhookSubscriptionSecret> context)
    {
        var m = context.Message;
        WebhookRejections.CheckUserId(m.UserId);
        var subscription = await session.LoadAsync<WebhookSubscription>(m.SubscriptionId, context.CancellationToken);
        if (subscription is null || subscription.UserId != m.UserId)
        {
            throw RequestRejectedException.Field(RejectionReasons.NotFound, "subscription_id", $"no webhook subscription {m.SubscriptionId} for this user");
        }
        var secret = WebhookSecrets.New();
        var validUntil = clock.GetUtcNow() + options.Value.SecretRotationOverlap;
        session.Update(subscription with { Secret = protector.Protect(secret), PreviousSecret = subscription.Secret, PreviousSecretValidUntil = validUntil });
        await session.SaveChangesAsync(context.CancellationToken);
        await context.RespondAsync(new WebhookSubscriptionSecretRotated(m.UserId, m.SubscriptionId, secret, validUntil));
    }
}
