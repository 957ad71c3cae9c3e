using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AdapterPipeline.TestSupport;

/// <summary>Starts a worker service in-process, exactly as its Program does, configured for an isolated slice.</summary>
public static class ServiceHost
{
    public static async Task<IHost> StartAsync(
        IsolatedInfrastructure infrastructure,
        Action<HostApplicationBuilder> addService,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(infrastructure.Settings);
        builder.Configuration.AddInMemoryCollection(LogSettings);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        addService(builder);
        // Return only once every receive endpoint is bound, so nothing a test sends next is lost.
        builder.Services.Configure<MassTransit.MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>Plain console logs at Warning keep test output readable.</summary>
    internal static readonly Dictionary<string, string?> LogSettings = new()
    {
        ["Logging:Console:FormatterName"] = "simple",
        ["Logging:LogLevel:Default"] = "Warning",
    };
}
