using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AdapterPipeline.TestSupport;

/// <summary>
/// The real Ingress application on Kestrel at a free loopback port (real HTTP, not a test server),
/// configured for an isolated slice.
/// </summary>
public sealed class IngressServer : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> settings;

    public IngressServer(IsolatedInfrastructure infrastructure, IReadOnlyDictionary<string, string?>? extra = null)
    {
        settings = infrastructure.Settings
            .Concat(ServiceHost.LogSettings)
            .Concat(extra ?? new Dictionary<string, string?>())
            .GroupBy(kv => kv.Key)
            .ToDictionary(g => g.Key, g => g.Last().Value);
        UseKestrel(0);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
