using AdapterPipeline.TestSupport;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AdapterPipeline.WebhookService.Tests.Webhooks;

/// <summary>Two webhook services poll the same database: each attempt is sent by one of them only.</summary>
public sealed class When_two_services_send(IsolatedInfrastructure infrastructure) : IClassFixture<IsolatedInfrastructure>, IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Settings = new(WebhookSystem.Settings)
    {
        ["Webhooks:PollInterval"] = "00:00:00.020",
        ["Webhooks:BatchSize"] = "3",
    };

    private IHost one = null!;
    private IHost two = null!;
    private IngressServer ingress = null!;
    private HttpClient http = null!;
    private WebhookReceiver receiver = null!;

    public async Task InitializeAsync()
    {
        one = await ServiceHost.StartAsync(infrastructure, b => b.AddWebhookService(), Settings);
        two = await ServiceHost.StartAsync(infrastructure, b => b.AddWebhookService(), Settings);
        ingress = new IngressServer(infrastructure, Settings);
        ingress.StartServer();
        http = ingress.CreateClient();
        receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await receiver.DisposeAsync();
        http.Dispose();
        await ingress.DisposeAsync();
        foreach (var host in new[] { one, two })
        {
            await host.StopAsync();
            host.Dispose();
        }
    }

    [Fact]
    public async Task Should_send_each_webhook_exactly_once()
    {
        var path = WebhookReceiver.NewPath();
        var subscriber = new Subscriber(http, one.Services.GetRequiredService<IBus>());
        for (var i = 0; i < 5; i++)
        {
            await subscriber.SubscribeAsync(receiver.UrlFor(path));
        }

        for (var i = 0; i < 8; i++)
        {
            await subscriber.JobEndsAsync();
        }

        await receiver.WaitForAsync(path, count: 40, timeout: TimeSpan.FromSeconds(40));
        await Task.Delay(1500);
        var got = receiver.At(path);
        Assert.Equal(40, got.Count);
        Assert.Equal(40, got.Select(r => r.Id).Distinct().Count());
    }
}
