using System.Diagnostics.Metrics;
using AdapterPipeline.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.WebhookService.Webhooks;

/// <summary>
/// The dispatcher's backlog as a gauge: deliveries written but not yet sent. Counted in the background every
/// <see cref="WebhookOptions.BacklogRefreshInterval"/> and the last count reported, so a scrape never waits on the
/// database and scrapes cannot pile queries up. Nothing is reported until the first count.
/// </summary>
public sealed class WebhookBacklog : BackgroundService
{
    private readonly WebhookDeliveryStore deliveries;
    private readonly IOptionsMonitor<WebhookOptions> options;
    private readonly ILogger<WebhookBacklog> logger;
    private long pending = -1;

    public WebhookBacklog(WebhookDeliveryStore deliveries, IOptionsMonitor<WebhookOptions> options, IMeterFactory meters, ILogger<WebhookBacklog> logger)
    {
        this.deliveries = deliveries;
        this.options = options;
        this.logger = logger;
        PipelineMetrics.For(meters).CreateObservableGauge("adapterpipeline.webhooks.backlog", Observe, "{delivery}",
            "Webhook deliveries written but not yet sent (pending, retries waiting included), as last counted.");
    }

    private IEnumerable<Measurement<long>> Observe() =>
        Interlocked.Read(ref pending) is var count and >= 0 ? [new Measurement<long>(count)] : [];

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                Interlocked.Exchange(ref pending, await deliveries.CountPendingAsync(stopping));
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Could not count the webhook backlog; the gauge keeps its last value");
            }
            try
            {
                await Task.Delay(options.CurrentValue.BacklogRefreshInterval, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
