using Microsoft.Extensions.Options;

namespace AdapterPipeline.WebhookService.Webhooks;

/// <summary>
/// Polls PostgreSQL for due deliveries, claims a batch, sends each and records the attempt. Any number of instances
/// may run: claims skip rows another instance holds, and a claim's lease outlives the attempt's timeout, so a
/// delivery is sent by one instance at a time; one claimed by an instance that died is due again when its lease ends.
/// </summary>
public sealed class WebhookDispatcher(
    WebhookDeliveryStore deliveries,
    JobWebhookSecrets secrets,
    WebhookSender sender,
    WebhookDispatchSignal signal,
    IOptionsMonitor<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await DispatchDueAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Webhook dispatch failed; polling again");
            }
            if (claimed < options.CurrentValue.BatchSize)
            {
                try
                {
                    await signal.WaitAsync(options.CurrentValue.PollInterval, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Claims and sends one batch of due deliveries; returns how many were claimed.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken stopping)
    {
        var o = options.CurrentValue;
        var token = Guid.NewGuid();
        var claimed = await deliveries.ClaimDueAsync(clock.GetUtcNow(), o.BatchSize, o.Lease, token, stopping);
        await Task.WhenAll(claimed.Select(d => SendAsync(d, token, stopping)));
        return claimed.Count;
    }

    private async Task SendAsync(WebhookDelivery delivery, Guid token, CancellationToken stopping)
    {
        try
        {
            var signing = await secrets.SecretsForAsync(delivery, stopping);
            if (signing is null)
            {
                await deliveries.ChangeAsync(delivery.Id, (d, _) => Task.FromResult(d.ClaimToken == token ? d.Disable() : null), stopping);
                return;
            }
            var outcome = await sender.SendAsync(delivery, signing, stopping);
            await deliveries.ChangeAsync(delivery.Id, (d, session) => RecordAsync(d, token, outcome, session), CancellationToken.None);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down mid-send: hand the delivery back at once instead of leaving it to its lease.
            await deliveries.ChangeAsync(delivery.Id,
                (d, _) => Task.FromResult(d.ClaimToken == token ? d with { ClaimToken = null, NextAttemptAt = clock.GetUtcNow() } : null),
                CancellationToken.None);
        }
        catch (Exception e)
        {
            // Left claimed: it is due again when the lease runs out.
            logger.LogError(e, "Webhook {DeliveryId} could not be sent or recorded", delivery.Id);
        }
    }

    private async Task<WebhookDelivery?> RecordAsync(WebhookDelivery current, Guid token, WebhookAttemptOutcome outcome, Marten.IDocumentSession session)
    {
        if (current.ClaimToken != token)
        {
            // The lease ran out and another instance took the delivery over; its result is the one that counts.
            return null;
        }
        if (outcome.Kind == WebhookAttemptOutcome.Result.Gone && current.SubscriptionId is { } subscriptionId
            && await session.LoadAsync<WebhookSubscription>(subscriptionId) is { Enabled: true } subscription)
        {
            session.Store(subscription.Disable($"the receiver answered 410 Gone at {clock.GetUtcNow():O}"));
            logger.LogWarning("Webhook subscription {SubscriptionId} disabled: the receiver answered 410 Gone", subscriptionId);
        }
        return current.Record(outcome, clock.GetUtcNow(), options.CurrentValue.EffectiveRetrySchedule);
    }
}
