using AdapterPipeline.Contracts.Webhooks;
using MassTransit;

namespace AdapterPipeline.WebhookService.Webhooks.Consumers;

/// <summary>Tells the metadata service whether a job's own callback URL may be called, by the subscriptions' rules.</summary>
public sealed class WebhookUrlCheckConsumer(WebhookUrlGuard guard) : IConsumer<CheckWebhookUrl>
{
    public async Task Consume(ConsumeContext<CheckWebhookUrl> context) =>
        await context.RespondAsync(new WebhookUrlChecked(context.Message.Url,
            await guard.UrlProblemAsync(context.Message.Url, context.CancellationToken)));
}
