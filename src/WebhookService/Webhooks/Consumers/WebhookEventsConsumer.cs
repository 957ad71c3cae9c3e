using System.Diagnostics;
using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Jobs;
using Marten;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.WebhookService.Webhooks.Consumers;

/// <summary>
/// Turns the events callers are told about into deliveries: one per enabled subscription of the user that wants
/// the event type, plus one to the job's own <c>webhook_url</c>. Recording them is idempotent (the ids derive from
/// the event), so a redelivered message records nothing new; the dispatcher sends them.
/// </summary>
public sealed class WebhookEventsConsumer(
    IQuerySession query,
    WebhookDeliveryStore deliveries,
    WebhookDispatchSignal signal,
    IOptionsMonitor<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookEventsConsumer> logger) : IConsumer<TrainingJobEnded>, IConsumer<AdapterDeleted>
{
    public const string JobUrlTarget = "job-url";

    public Task Consume(ConsumeContext<TrainingJobEnded> context)
    {
        var ended = context.Message;
        if (WebhookEvents.From(ended) is not { } e)
        {
            logger.LogWarning("No webhook for job {JobId}: kind {Kind} in state {State}", ended.JobId, ended.Kind, ended.State);
            return Task.CompletedTask;
        }
        return RecordAsync(e, ended.UserId, ended.WebhookUrl, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<AdapterDeleted> context) =>
        RecordAsync(WebhookEvents.From(context.Message, context.SentTime is { } sent ? new DateTimeOffset(sent, TimeSpan.Zero) : clock.GetUtcNow(),
            context.MessageId ?? NewId.NextGuid()), context.Message.UserId, null, context.CancellationToken);

    private async Task RecordAsync(WebhookEvent e, string userId, string? jobUrl, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var schedule = options.CurrentValue.EffectiveRetrySchedule;
        var traceParent = Activity.Current?.Id;
        var subscriptions = await query.Query<WebhookSubscription>().Where(s => s.UserId == userId && s.Enabled).ToListAsync(ct);
        var toSend = subscriptions
            .Where(s => s.Wants(e.Type))
            .Select(s => WebhookDelivery.Create(e.DeliveryIdFor(s.Id.ToString("N")), e, userId, s.Id, s.Url, now, schedule) with { TraceParent = traceParent })
            .ToList();
        if (!string.IsNullOrWhiteSpace(jobUrl))
        {
            // An unusable job URL is still recorded: its failed attempt tells the caller why nothing arrived.
            toSend.Add(WebhookDelivery.Create(e.DeliveryIdFor(JobUrlTarget), e, userId, null, jobUrl, now, schedule) with { TraceParent = traceParent });
        }
        await deliveries.AddAsync(toSend, ct);
        signal.Pulse();
    }
}
