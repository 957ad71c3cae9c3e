using AdapterPipeline.Contracts.Usage;
using Marten;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.WebhookService.Webhooks.Consumers;

/// <summary>Answers a user's usage against the webhook quotas.</summary>
public sealed class WebhookUsageConsumer(IQuerySession session, IOptions<WebhookQuotaOptions> quotas) : IConsumer<GetWebhookUsage>
{
    public async Task Consume(ConsumeContext<GetWebhookUsage> context)
    {
        var m = context.Message;
        WebhookRejections.CheckUserId(m.UserId);
        var count = await session.Query<WebhookSubscription>().CountAsync(s => s.UserId == m.UserId, context.CancellationToken);
        await context.RespondAsync(new UserUsage(m.UserId,
            [new QuotaUsage(Quotas.WebhookSubscriptionsPerUser, quotas.Value.WebhookSubscriptionsPerUser, count)]));
    }
}
