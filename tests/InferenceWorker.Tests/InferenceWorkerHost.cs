using AdapterPipeline.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AdapterPipeline.InferenceWorker.Tests;

/// <summary>
/// An inference worker on Kestrel at a free loopback port, on an isolated slice; the Ingress reaches it through
/// <c>Inference:Workers:0</c> = <see cref="Address"/>. Shared (linked) by the test projects that chat through the Ingress.
/// </summary>
public sealed class InferenceWorkerHost : IAsyncDisposable
{
    private readonly WebApplication worker;

    private InferenceWorkerHost(WebApplication worker, string address)
    {
        this.worker = worker;
        Address = address;
    }

    public string Address { get; }

    /// <param name="modelCache">Where the built-in bases are generated (the caller removes it).</param>
    public static async Task<InferenceWorkerHost> StartAsync(IsolatedInfrastructure infrastructure, string modelCache)
    {
        var settings = infrastructure.Settings.Concat(new Dictionary<string, string?>
        {
            ["Training:ModelCacheDirectory"] = modelCache,
            ["Inference:MaxTokens"] = "64",
            ["Logging:LogLevel:Default"] = "Warning",
        }).ToDictionary();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddInferenceWorker();
        var worker = builder.Build();
        worker.UseInferenceWorker();
        await worker.StartAsync();
        var address = worker.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new InferenceWorkerHost(worker, address);
    }

    public async ValueTask DisposeAsync()
    {
        await worker.StopAsync();
        await worker.DisposeAsync();
    }
}
