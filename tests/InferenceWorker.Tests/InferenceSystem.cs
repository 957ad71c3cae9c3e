using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;
using AdapterPipeline.InferenceWorker;
using AdapterPipeline.LanguageModels.Adapters;
using AdapterPipeline.LanguageModels.BaseModels;
using AdapterPipeline.LanguageModels.Models;
using AdapterPipeline.MetadataService;
using AdapterPipeline.ServiceDefaults.Storage;
using AdapterPipeline.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TorchSharp;

namespace AdapterPipeline.InferenceWorker.Tests;

/// <summary>
/// An inference worker on Kestrel at a free loopback port, the metadata service and the real Ingress relaying to the
/// worker, on an isolated slice; adapters are stored in S3 exactly where the packaging worker and the metadata service put them.
/// </summary>
public sealed class InferenceSystem : IAsyncLifetime
{
    public const string Base = TinyBaseModels.TinyLlama;

    private readonly string modelCache = Path.Combine(Path.GetTempPath(), "adapter-pipeline-tests", "models-" + Guid.NewGuid().ToString("N"));
    private InferenceWorkerHost worker = null!;

    public IsolatedInfrastructure Infrastructure { get; } = new();

    public IngressServer Ingress { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>The metadata service (system prompts, the adapter read model behind <c>/v1/models</c>).</summary>
    public IHost Metadata { get; private set; } = null!;

    /// <summary>Where the worker listens, for a second Ingress with settings of its own.</summary>
    public string WorkerAddress { get; private set; } = "";

    public ObjectStore Store { get; private set; } = null!;

    public BaseModel Model { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Infrastructure.InitializeAsync();
        Store = Infrastructure.CreateObjectStore();
        worker = await InferenceWorkerHost.StartAsync(Infrastructure, modelCache);
        var address = worker.Address;
        WorkerAddress = address;
        Metadata = await ServiceHost.StartAsync(Infrastructure, b => b.AddMetadataService());

        Ingress = new IngressServer(Infrastructure, new Dictionary<string, string?> { ["Inference:Workers:0"] = address });
        Ingress.StartServer();
        Http = Ingress.CreateClient();
        Http.Timeout = TimeSpan.FromMinutes(2);

        var registry = new BaseModelRegistry(Options.Create(new BaseModelOptions { ModelCacheDirectory = modelCache }));
        Model = BaseModelLoader.Load(Base, await registry.ResolveAsync(Base, CancellationToken.None), torch.CPU, torch.float32);
    }

    public Uri IngressAddress => Ingress.ClientOptions.BaseAddress;

    /// <summary>A key bound to <paramref name="userId"/>, issued through the admin API.</summary>
    public async Task<string> UserKeyAsync(string userId)
    {
        using var response = await Http.PostAsJsonAsync("/admin/api-keys", new { user_id = userId });
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("api_key").GetString()!;
    }

    /// <summary>Stores <paramref name="adapter"/> as version <paramref name="version"/> of the avatar and makes it current.</summary>
    public async Task StoreAdapterAsync(string userId, string avatarId, int version, LoraAdapter adapter)
    {
        var directory = Path.Combine(Path.GetTempPath(), "adapter-pipeline-tests", Guid.NewGuid().ToString("N"));
        var files = PeftAdapterFiles.Write(directory, adapter, Base, Model.Config.Architecture);
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            archive.CreateEntryFromFile(files.AdapterConfigPath, Path.GetFileName(files.AdapterConfigPath));
            archive.CreateEntryFromFile(files.AdapterWeightsPath, Path.GetFileName(files.AdapterWeightsPath));
        }
        Directory.Delete(directory, recursive: true);
        var key = StorageKeys.AdapterVersion(userId, avatarId, "default", version);
        await Store.PutAsync(key, zip.ToArray(), "application/zip", CancellationToken.None);
        await Store.PutAsync(StorageKeys.AdapterPointer(userId, avatarId, "default"),
            JsonSerializer.SerializeToUtf8Bytes(new { version, key, base_model = Base }), "application/json", CancellationToken.None);
    }

    /// <summary>A rank-4 adapter on q_proj and v_proj with B drawn at random (as a trained one), seeded.</summary>
    public LoraAdapter RandomAdapter(int seed)
    {
        var adapter = LoraAdapter.CreateUntrained(Model.Model, new LoraSettings(4, 8, 0, ["q_proj", "v_proj"]));
        using var _ = torch.no_grad();
        var generator = new torch.Generator((ulong)seed);
        foreach (var layer in adapter.Layers.Values)
        {
            layer.B.copy_(torch.randn(layer.B.shape, generator: generator) * 0.5);
        }
        return adapter;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Ingress.DisposeAsync();
        await worker.DisposeAsync();
        await Metadata.StopAsync();
        Metadata.Dispose();
        Model.Dispose();
        await Infrastructure.DisposeAsync();
        Directory.Delete(modelCache, recursive: true);
    }
}
