using AdapterPipeline.MetadataService;
using AdapterPipeline.PackagingWorker;
using AdapterPipeline.ServiceDefaults.Storage;
using AdapterPipeline.TestSupport;
using AdapterPipeline.TrainingWorker;
using AdapterPipeline.WebhookService;
using Microsoft.Extensions.Hosting;

namespace AdapterPipeline.SystemTests;

[CollectionDefinition(Name)]
public sealed class PipelineCollection : ICollectionFixture<Pipeline>
{
    public const string Name = "pipeline";
}

/// <summary>
/// The whole system on an isolated slice of the real infrastructure: the five services in this process, the Ingress
/// on a real HTTP port. Timeouts are short so that a silent worker is noticed within the test's patience.
/// </summary>
public sealed class Pipeline : IAsyncLifetime
{
    public static readonly Dictionary<string, string?> Settings = new()
    {
        ["Adapters:HeartbeatTimeout"] = "00:00:20",
        ["Adapters:WatchdogInterval"] = "00:00:01",
        ["Adapters:CancellationTimeout"] = "00:00:10",
        ["Training:HeartbeatInterval"] = "00:00:01",
        ["AdapterApi:EventStreamInterval"] = "00:00:00.2",
    };

    public IsolatedInfrastructure Infrastructure { get; } = new();

    public IHost Metadata { get; private set; } = null!;

    public IHost Webhooks { get; private set; } = null!;

    public IHost Training { get; set; } = null!;

    public IHost Packaging { get; private set; } = null!;

    public IngressServer Ingress { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public ObjectStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Infrastructure.InitializeAsync();
        Store = Infrastructure.CreateObjectStore();
        Metadata = await ServiceHost.StartAsync(Infrastructure, b => b.AddMetadataService(), Settings);
        Webhooks = await ServiceHost.StartAsync(Infrastructure, b => b.AddWebhookService(), Settings);
        Training = await StartTrainingWorkerAsync();
        Packaging = await ServiceHost.StartAsync(Infrastructure, b => b.AddPackagingWorker(), Settings);
        Ingress = new IngressServer(Infrastructure, Settings);
        Ingress.StartServer();
        Http = Ingress.CreateClient();
        Http.Timeout = TimeSpan.FromMinutes(3);
    }

    public Task<IHost> StartTrainingWorkerAsync() => ServiceHost.StartAsync(Infrastructure, b => b.AddTrainingWorker(), Settings);

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Ingress.DisposeAsync();
        foreach (var host in new[] { Training, Packaging, Webhooks, Metadata })
        {
            await host.StopAsync();
            host.Dispose();
        }
        await Infrastructure.DisposeAsync();
    }
}
