using AdapterPipeline.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AdapterPipeline.TestSupport;

/// <summary>
/// Starts a worker service in-process, as its Program does, configured for an isolated slice. <see cref="StartAsync"/>
/// leaves out the HTTP endpoint (so hosts never clash on ports); <see cref="StartWebAsync"/> serves it on a free port.
/// </summary>
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

    /// <summary>With the service's health probes and <c>/metrics</c> on a free loopback port (<see cref="WebApplication.Urls"/>).</summary>
    public static async Task<WebApplication> StartWebAsync(
        IsolatedInfrastructure infrastructure,
        Action<IHostApplicationBuilder> addService,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(infrastructure.Settings);
        builder.Configuration.AddInMemoryCollection(LogSettings);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Urls"] = "http://127.0.0.1:0" });
        // Before the service, so that a test of a bus that cannot start may turn it off.
        builder.Services.Configure<MassTransit.MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        addService(builder);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        return app;
    }

    /// <summary>Plain console logs at Warning keep test output readable.</summary>
    internal static readonly Dictionary<string, string?> LogSettings = new()
    {
        ["Logging:Console:FormatterName"] = "simple",
        ["Logging:LogLevel:Default"] = "Warning",
    };
}
