using System.Net;
using System.Net.Sockets;
using AdapterPipeline.Ingress;
using AdapterPipeline.PackagingWorker;
using AdapterPipeline.TestSupport;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AdapterPipeline.SystemTests.Observability;

/// <summary>The workers' own HTTP endpoint answers an orchestrator's probes: ready only while their bus consumes.</summary>
[Collection(ObservedPipelineCollection.Name)]
public sealed class When_a_worker_is_probed(ObservedPipeline pipeline)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Should_be_live_and_ready_with_its_bus_checked()
    {
        using var http = new HttpClient();
        foreach (var (service, endpoint) in pipeline.Endpoints.Where(e => e.Key != IngressApplication.ServiceName))
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(endpoint, "/health/live"))).StatusCode);
            var ready = await Eventually.Until(() => http.GetAsync(new Uri(endpoint, "/health/ready")), r => r.StatusCode == HttpStatusCode.OK,
                Patience, $"{service} reporting ready", r => r.StatusCode.ToString());
            Assert.Contains("\"rabbitmq\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Should_not_be_ready_while_its_bus_cannot_connect()
    {
        var nowhere = new Dictionary<string, string?>(Pipeline.Settings) { ["RabbitMq:Port"] = ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var worker = await ServiceHost.StartWebAsync(pipeline.Infrastructure, b =>
        {
            b.AddPackagingWorker();
            // Its bus never starts here: do not wait for it.
            b.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = false);
        }, nowhere);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(worker.Urls.Single()) };
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/health/ready")).StatusCode);
        }
        finally
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await worker.StopAsync(stopping.Token);
            await worker.DisposeAsync();
        }
    }

    /// <summary>A loopback port nothing listens on (bound, then released).</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
