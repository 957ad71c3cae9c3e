using AdapterPipeline.InferenceWorker.Tests;
using AdapterPipeline.MetadataService;
using AdapterPipeline.PackagingWorker;
using AdapterPipeline.TestSupport;
using AdapterPipeline.TrainingWorker;
using AdapterPipeline.WebhookService;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;

namespace AdapterPipeline.Dashboard.Tests;

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardStack>
{
    public const string Name = "dashboard";
}

/// <summary>
/// The five services and an inference worker in this process on an isolated slice of the real infrastructure, the
/// Ingress on a real HTTP port, and Debian's chromium driven by Playwright (its own browser download is never used).
/// </summary>
public sealed class DashboardStack : IAsyncLifetime
{
    /// <summary>The key the tests sign in with; the UI sends it as a bearer token on every call.</summary>
    public const string ApiKey = TestApiKeys.Bootstrap;

    public static readonly string BrowserPath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Adapters:HeartbeatTimeout"] = "00:00:20",
        ["Adapters:WatchdogInterval"] = "00:00:01",
        ["Training:HeartbeatInterval"] = "00:00:01",
        ["AdapterApi:EventStreamInterval"] = "00:00:00.2",
    };

    private readonly List<IHost> hosts = [];
    private readonly string modelCache = Path.Combine(Path.GetTempPath(), "adapter-pipeline-tests", "models-" + Guid.NewGuid().ToString("N"));
    private InferenceWorkerHost inference = null!;
    private IPlaywright playwright = null!;

    public IsolatedInfrastructure Infrastructure { get; } = new();

    public IngressServer Ingress { get; private set; } = null!;

    public Uri BaseUrl { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(BrowserPath), $"no browser at {BrowserPath}: install Debian's chromium (apt-get install chromium)");
        await Infrastructure.InitializeAsync();
        hosts.Add(await ServiceHost.StartAsync(Infrastructure, b => b.AddMetadataService(), Settings));
        hosts.Add(await ServiceHost.StartAsync(Infrastructure, b => b.AddWebhookService(), Settings));
        hosts.Add(await ServiceHost.StartAsync(Infrastructure, b => b.AddTrainingWorker(), Settings));
        hosts.Add(await ServiceHost.StartAsync(Infrastructure, b => b.AddPackagingWorker(), Settings));
        inference = await InferenceWorkerHost.StartAsync(Infrastructure, modelCache);
        Ingress = new IngressServer(Infrastructure, new Dictionary<string, string?>(Settings) { ["Inference:Workers:0"] = inference.Address });
        Ingress.StartServer();
        BaseUrl = Ingress.ClientOptions.BaseAddress;
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserPath,
            Headless = true,
            Args = ["--disable-dev-shm-usage", "--disable-gpu"],
        });
    }

    public async Task<IPage> OpenAsync(int width, int height)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
        await Ingress.DisposeAsync();
        await inference.DisposeAsync();
        if (Directory.Exists(modelCache))
        {
            Directory.Delete(modelCache, recursive: true);
        }
        foreach (var host in Enumerable.Reverse(hosts))
        {
            await host.StopAsync();
            host.Dispose();
        }
        await Infrastructure.DisposeAsync();
    }
}
