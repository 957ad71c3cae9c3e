using AdapterPipeline.TestSupport;
using Microsoft.Extensions.Hosting;

namespace AdapterPipeline.WebhookService.Tests.Webhooks;

/// <summary>Deliveries live in PostgreSQL: one still pending when the webhook service stops is sent by the next one.</summary>
public sealed class When_the_sending_service_restarts(IsolatedInfrastructure infrastructure) : IClassFixture<IsolatedInfrastructure>, IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Settings = new(WebhookSystem.Settings)
    {
        // Long enough that the first service is surely gone before the second attempt is due.
        ["Webhooks:RetrySchedule:1"] = "00:00:03",
    };

    private IHost first = null!;
    private IngressServer ingress = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        first = await ServiceHost.StartAsync(infrastructure, b => b.AddWebhookService(), Settings);
        ingress = new IngressServer(infrastructure, Settings);
        ingress.StartServer();
        http = ingress.CreateClient();
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await ingress.DisposeAsync();
        first.Dispose();
    }

    [Fact]
    public async Task Should_send_a_pending_delivery_from_the_new_service()
    {
        var port = WebhookReceiver.FreePort();
        var subscriber = new Subscriber(http, Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<MassTransit.IBus>(first.Services));
        var subscription = await subscriber.SubscribeAsync($"http://127.0.0.1:{port}/hooks");
        await subscriber.JobEndsAsync();
        var pending = await subscriber.WaitForDeliveryAsync(d => Subscriber.Attempts(d).Count == 1 && Subscriber.State(d) == "pending");

        await first.StopAsync();
        await using var receiver = await WebhookReceiver.StartAsync(port);
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Empty(receiver.At("/hooks"));

        using var second = await ServiceHost.StartAsync(infrastructure, b => b.AddWebhookService(), Settings);
        try
        {
            var got = await receiver.WaitForAsync("/hooks");
            Assert.True(WebhookReceiver.HasValidSignature(got[0], subscription.GetProperty("secret").GetString()!));
            Assert.Equal(pending.GetProperty("message_id").GetString(), got[0].Id);
            var delivered = await subscriber.WaitForDeliveryAsync(d => Subscriber.State(d) == "succeeded");
            Assert.Equal(2, Subscriber.Attempts(delivered).Count);
            await Task.Delay(1000);
            Assert.Single(receiver.At("/hooks"));
        }
        finally
        {
            await second.StopAsync();
        }
    }
}
