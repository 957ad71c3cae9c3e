using AdapterPipeline.ServiceDefaults.Storage;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace AdapterPipeline.TestSupport;

/// <summary>
/// The real Ingress (Kestrel) and a chosen set of services in this process, on an isolated slice of RabbitMQ,
/// PostgreSQL and S3. Each test project names the services it needs, so TestSupport refers to none of them (the
/// training worker would bring libtorch into every test project).
/// </summary>
public abstract class SystemFixture(
    IReadOnlyDictionary<string, string?> settings,
    TimeSpan httpTimeout,
    params Action<HostApplicationBuilder>[] services) : IAsyncLifetime
{
    public IsolatedInfrastructure Infrastructure { get; } = new();

    /// <summary>The running services, in the order they were named; a test that restarts one puts the new host here.</summary>
    public IHost[] Hosts { get; } = new IHost[services.Length];

    public IngressServer Ingress { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public ObjectStore Store { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        await Infrastructure.InitializeAsync();
        Store = Infrastructure.CreateObjectStore();
        for (var i = 0; i < services.Length; i++)
        {
            Hosts[i] = await StartServiceAsync(services[i]);
        }
        Ingress = new IngressServer(Infrastructure, settings);
        Ingress.StartServer();
        Http = Ingress.CreateClient();
        Http.Timeout = httpTimeout;
    }

    public Task<IHost> StartServiceAsync(Action<HostApplicationBuilder> addService) =>
        ServiceHost.StartAsync(Infrastructure, addService, settings);

    public virtual async Task DisposeAsync()
    {
        Http.Dispose();
        await Ingress.DisposeAsync();
        foreach (var host in Hosts.Reverse())
        {
            await host.StopAsync();
            host.Dispose();
        }
        await Infrastructure.DisposeAsync();
    }
}
