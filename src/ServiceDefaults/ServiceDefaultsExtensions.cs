using AdapterPipeline.ServiceDefaults.Health;
using AdapterPipeline.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AdapterPipeline.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>Logging, telemetry and health checks that every service shares.</summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.Services.AddSingleton(new ServiceIdentity(serviceName));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.AddStructuredLogging();
        builder.AddTelemetry(serviceName);
        builder.Services.AddHealthChecks().AddCheck("self", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy(), [HealthTags.Live]);
        return builder;
    }

    /// <summary>
    /// Listens on <paramref name="url"/> unless configuration names its own endpoints (<c>Urls</c>,
    /// <c>ASPNETCORE_URLS</c> or <c>Kestrel:Endpoints</c>), so that services started side by side do not clash.
    /// </summary>
    public static WebApplicationBuilder ListenByDefaultOn(this WebApplicationBuilder builder, string url)
    {
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey])
            && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(url);
        }
        return builder;
    }

    /// <summary>What an orchestrator and a scraper read on every service: <c>/health/live</c>, <c>/health/ready</c> and <c>/metrics</c>.</summary>
    public static IEndpointRouteBuilder MapDefaultEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthEndpoints();
        app.MapPrometheusScrapingEndpoint().ExcludeFromDescription();
        return app;
    }
}
