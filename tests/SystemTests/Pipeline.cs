using AdapterPipeline.MetadataService;
using AdapterPipeline.PackagingWorker;
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
public sealed class Pipeline() : SystemFixture(Settings, TimeSpan.FromMinutes(3),
    b => b.AddMetadataService(), b => b.AddWebhookService(), b => b.AddTrainingWorker(), b => b.AddPackagingWorker())
{
    public static readonly Dictionary<string, string?> Settings = new()
    {
        ["Adapters:HeartbeatTimeout"] = "00:00:20",
        ["Adapters:WatchdogInterval"] = "00:00:01",
        ["Adapters:CancellationTimeout"] = "00:00:10",
        ["Training:HeartbeatInterval"] = "00:00:01",
        ["AdapterApi:EventStreamInterval"] = "00:00:00.2",
    };

    public IHost Metadata => Hosts[0];

    public IHost Webhooks => Hosts[1];

    /// <summary>The training worker; a test that stops it starts a new one here.</summary>
    public IHost Training { get => Hosts[2]; set => Hosts[2] = value; }

    public IHost Packaging => Hosts[3];

    public Task<IHost> StartTrainingWorkerAsync() => StartServiceAsync(b => b.AddTrainingWorker());
}
