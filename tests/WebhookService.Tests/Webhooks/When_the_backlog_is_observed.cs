using System.Diagnostics.Metrics;
using AdapterPipeline.TestSupport;
using AdapterPipeline.WebhookService.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AdapterPipeline.WebhookService.Tests.Webhooks;

/// <summary>
/// A webhook service of its own (on its own slice, so no other test's deliveries are counted): the backlog gauge
/// reports the deliveries not yet sent.
/// </summary>
public sealed class When_the_backlog_is_observed : IAsyncLifetime
{
    private readonly IsolatedInfrastructure infrastructure = new();
    private IHost service = null!;

    public async Task InitializeAsync()
    {
        await infrastructure.InitializeAsync();
        service = await ServiceHost.StartAsync(infrastructure, b => b.AddWebhookService(),
            new Dictionary<string, string?> { ["Webhooks:BacklogRefreshInterval"] = "00:00:00.200" });
    }

    public async Task DisposeAsync()
    {
        await service.StopAsync();
        service.Dispose();
        await infrastructure.DisposeAsync();
    }

    [Fact]
    public async Task Should_report_a_pending_delivery()
    {
        var meters = service.Services.GetRequiredService<IMeterFactory>();
        long? backlog = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Name == "adapterpipeline.webhooks.backlog")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => backlog = value);
        listener.Start();
        long? Observe()
        {
            backlog = null;
            listener.RecordObservableInstruments();
            return backlog;
        }

        await Eventually.Until(() => Task.FromResult(Observe()), b => b == 0, TimeSpan.FromSeconds(20), "an empty backlog", b => $"{b}");

        var now = DateTimeOffset.UtcNow;
        // Due only tomorrow, so the dispatcher leaves it pending.
        await service.Services.GetRequiredService<WebhookDeliveryStore>().AddAsync([new WebhookDelivery
        {
            Id = Guid.NewGuid(), UserId = "u-backlog", EventType = "job.succeeded", Url = "http://127.0.0.1:9/hook",
            Payload = "{}", CreatedAt = now, NextAttemptAt = now.AddDays(1),
        }], CancellationToken.None);

        await Eventually.Until(() => Task.FromResult(Observe()), b => b == 1, TimeSpan.FromSeconds(20), "one pending delivery", b => $"{b}");
    }
}
