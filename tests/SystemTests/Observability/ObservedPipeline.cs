using AdapterPipeline.Ingress;
using AdapterPipeline.MetadataService;
using AdapterPipeline.PackagingWorker;
using AdapterPipeline.TestSupport;
using AdapterPipeline.TrainingWorker;
using AdapterPipeline.WebhookService;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;

namespace AdapterPipeline.SystemTests.Observability;

/// <summary>Run after the parallel collections: a second whole system training beside <see cref="Pipeline"/> would slow its timed jobs.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ObservedPipelineCollection : ICollectionFixture<ObservedPipeline>
{
    public const string Name = "observed pipeline";
}

/// <summary>
/// The whole system as <see cref="Pipeline"/> runs it, but with every worker serving its HTTP endpoint (health probes
/// and <c>/metrics</c>) on a free loopback port, as its Program does, so that a real scraper can read it, and every
/// span recorded in <see cref="Spans"/> by an in-memory exporter.
/// </summary>
public sealed class ObservedPipeline : IAsyncLifetime
{
    private readonly List<WebApplication> services = [];

    public IsolatedInfrastructure Infrastructure { get; } = new();

    public IngressServer Ingress { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>Each service's name and the base address of its HTTP endpoint.</summary>
    public Dictionary<string, Uri> Endpoints { get; } = [];

    public SpanCollector Spans { get; } = new();

    public async Task InitializeAsync()
    {
        await Infrastructure.InitializeAsync();
        await StartAsync(MetadataServiceApplication.ServiceName, b => b.AddMetadataService());
        await StartAsync(WebhookServiceApplication.ServiceName, b => b.AddWebhookService());
        await StartAsync(TrainingWorkerApplication.ServiceName, b => b.AddTrainingWorker());
        await StartAsync(PackagingWorkerApplication.ServiceName, b => b.AddPackagingWorker());
        Ingress = new IngressServer(Infrastructure, Pipeline.Settings, s => s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(Spans)));
        Ingress.StartServer();
        Http = Ingress.CreateClient();
        Http.Timeout = TimeSpan.FromMinutes(3);
        Endpoints[IngressApplication.ServiceName] = Http.BaseAddress!;
    }

    private async Task StartAsync(string name, Action<IHostApplicationBuilder> addService)
    {
        var app = await ServiceHost.StartWebAsync(Infrastructure, b =>
        {
            addService(b);
            b.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(Spans));
        }, Pipeline.Settings);
        services.Add(app);
        Endpoints[name] = new Uri(app.Urls.Single());
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Ingress.DisposeAsync();
        foreach (var app in Enumerable.Reverse(services))
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        await Infrastructure.DisposeAsync();
    }
}
