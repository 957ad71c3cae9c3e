using System.Net.Http.Json;
using System.Text.Json;
using AdapterPipeline.InferenceWorker.Tests;
using AdapterPipeline.TestSupport;

namespace AdapterPipeline.Cli.Tests.Chat;

/// <summary>The Ingress on a real port relaying <c>/v1</c> to an inference worker, on an isolated slice.</summary>
public sealed class ChatStack : IAsyncLifetime
{
    private readonly string modelCache = Path.Combine(Path.GetTempPath(), "adapter-pipeline-tests", "models-" + Guid.NewGuid().ToString("N"));
    private InferenceWorkerHost worker = null!;

    public IsolatedInfrastructure Infrastructure { get; } = new();

    public IngressServer Ingress { get; private set; } = null!;

    public Uri Url => Ingress.ClientOptions.BaseAddress;

    public async Task InitializeAsync()
    {
        await Infrastructure.InitializeAsync();
        worker = await InferenceWorkerHost.StartAsync(Infrastructure, modelCache);
        Ingress = new IngressServer(Infrastructure, new Dictionary<string, string?> { ["Inference:Workers:0"] = worker.Address });
        Ingress.StartServer();
    }

    /// <summary>A key bound to <paramref name="userId"/>, issued through the admin API.</summary>
    public async Task<string> UserKeyAsync(string userId)
    {
        using var http = Ingress.CreateClient();
        using var response = await http.PostAsJsonAsync("/admin/api-keys", new { user_id = userId });
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("api_key").GetString()!;
    }

    public async Task DisposeAsync()
    {
        await Ingress.DisposeAsync();
        await worker.DisposeAsync();
        await Infrastructure.DisposeAsync();
        if (Directory.Exists(modelCache))
        {
            Directory.Delete(modelCache, recursive: true);
        }
    }
}
