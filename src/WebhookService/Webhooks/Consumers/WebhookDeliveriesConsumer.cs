using AdapterPipeline.Contracts.Requests;
using AdapterPipeline.Contracts.Webhooks;
using AdapterPipeline.Messaging;
using AdapterPipeline.Domain.Validation;
using MassTransit;

namespace AdapterPipeline.WebhookService.Webhooks.Consumers;

/// <summary>Lists a user's deliveries with their attempts, and sends one again on request.</summary>
public sealed class WebhookDeliveriesConsumer(WebhookDeliveryStore deliveries, WebhookDispatchSignal signal, TimeProvider clock)
    : IConsumer<ListWebhookDeliveries>, IConsumer<GetWebhookDelivery>, IConsumer<RedeliverWebhook>
{
    public const int MaxPageSize = 100;

    public async Task Consume(ConsumeContext<ListWebhookDeliveries> context)
    {
        var m = context.Message;
        var errors = new ValidationErrors().AddIf("user_id", InputRules.IdProblem(m.UserId));
        if (m.Limit is < 1 or > MaxPageSize)
        {
            errors.Add("limit", $"must be between 1 and {MaxPageSize}");
        }
        if (m.Cursor is not null && WebhookDeliveryStore.ParseCursor(m.Cursor) is null)
        {
            errors.Add("cursor", "is not a cursor this API returned");
        }
        RequestRejectedException.ThrowIfAny(errors.ToDictionary());
        var (page, next) = await deliveries.PageAsync(m.UserId, m.Limit, m.Cursor, context.CancellationToken);
        await context.RespondAsync(new WebhookDeliveryList(m.UserId, page.Select(d => d.ToDetails()).ToList(), next));
    }

    public async Task Consume(ConsumeContext<GetWebhookDelivery> context)
    {
        var m = context.Message;
        WebhookRejections.CheckUserId(m.UserId);
        var delivery = await deliveries.FindAsync(m.UserId, m.DeliveryId, context.CancellationToken) ?? throw UnknownDelivery(m.DeliveryId);
        await context.RespondAsync(new WebhookDeliveryFound(delivery.ToDetails()));
    }

    public async Task Consume(ConsumeContext<RedeliverWebhook> context)
    {
        var m = context.Message;
        WebhookRejections.CheckUserId(m.UserId);
        var changed = await deliveries.ChangeAsync(m.DeliveryId,
            (d, _) => Task.FromResult(d.UserId == m.UserId ? d.Redeliver(clock.GetUtcNow()) : null),
            context.CancellationToken);
        if (changed is null || changed.UserId != m.UserId)
        {
            throw UnknownDelivery(m.DeliveryId);
        }
        signal.Pulse();
        await context.RespondAsync(new WebhookRedeliveryScheduled(changed.ToDetails()));
    }

    private static RequestRejectedException UnknownDelivery(Guid id) =>
        RequestRejectedException.Field(RejectionReasons.NotFound, "delivery_id", $"no webhook delivery {id} for this user");
}
