using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AdapterPipeline.TestSupport;

/// <summary>
/// The real Ingress application on Kestrel at a free loopback port (real HTTP, not a test server),
/// configured for an isolated slice, with the bootstrap key (<see cref="TestApiKeys.Bootstrap"/>), which every
/// client it creates sends.
/// </summary>
public sealed class IngressServer : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> settings;
    private readonly Action<IServiceCollection>? services;

    /// <param name="services">Changes to the Ingress's services, applied after its own (a test's telemetry exporter).</param>
    public IngressServer(IsolatedInfrastructure infrastructure, IReadOnlyDictionary<string, string?>? extra = null,
        Action<IServiceCollection>? services = null)
    {
        this.services = services;
        settings = infrastructure.Settings
            .Concat(ServiceHost.LogSettings)
            .Append(new("Auth:BootstrapKeyHash", TestApiKeys.Hash(TestApiKeys.Bootstrap)))
            .Concat(extra ?? new Dictionary<string, string?>())
            .GroupBy(kv => kv.Key)
            .ToDictionary(g => g.Key, g => g.Last().Value);
        UseKestrel(0);
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = TestApiKeys.Header(TestApiKeys.Bootstrap);
    }

    /// <summary>A client that sends no credential, or <paramref name="key"/> instead of the bootstrap key.</summary>
    public HttpClient CreateClientWith(string? key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = key is null ? null : TestApiKeys.Header(key);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        if (services is not null)
        {
            builder.ConfigureServices(services);
        }
    }
}
