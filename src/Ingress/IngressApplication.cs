using System.Text.Json;
using AdapterPipeline.Ingress.Adapters;
using AdapterPipeline.Ingress.Dashboard;
using AdapterPipeline.Ingress.Diagnostics;
using AdapterPipeline.Ingress.Identity;
using AdapterPipeline.Ingress.Inference;
using AdapterPipeline.Ingress.Problems;
using AdapterPipeline.Ingress.RateLimits;
using AdapterPipeline.Ingress.TrainingData;
using AdapterPipeline.Ingress.Usage;
using AdapterPipeline.ServiceDefaults;
using AdapterPipeline.ServiceDefaults.Health;
using AdapterPipeline.ServiceDefaults.Messaging;
using AdapterPipeline.ServiceDefaults.Storage;
using Carter;
using Scalar.AspNetCore;

namespace AdapterPipeline.Ingress;

public static class IngressApplication
{
    public const string ServiceName = "ingress";

    public static WebApplicationBuilder AddIngress(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults(ServiceName);
        builder.AddS3Storage();
        builder.AddMessaging(x =>
        {
            x.AddConsumer<PingAnsweredConsumer>().Endpoint(e =>
            {
                e.Name = $"{ServiceName}-ping-answers";
                e.InstanceId = Guid.NewGuid().ToString("N")[..8];
                e.Temporary = true;
            });
        });
        builder.Services.AddSingleton<PingAnswers>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new FiniteNumbers()));
        builder.Services.AddApiProblems();
        builder.AddTrainingDataApi();
        builder.AddAdapterApi();
        builder.AddUsageApi();
        builder.AddInferenceApi();
        builder.Services.AddOpenApi();
        builder.Services.AddCarter();
        builder.AddIdentity();
        builder.Services.AddCallerRateLimits(builder.Configuration);
        return builder;
    }

    public static WebApplication UseIngress(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDashboard();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/docs", o => o.WithTitle("AdapterPipeline API").WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .AddPreferredSecuritySchemes(BearerSecurityTransformer.SchemeName));
        // Health and /metrics stay open like the probes: restrict /metrics at the network edge (docs/observability.md).
        app.MapDefaultEndpoints();
        app.UseIdentity();
        // After authentication: the limiter partitions by the authenticated caller.
        app.UseRateLimiter();
        // Every API route needs a caller; health, the OpenAPI document and /docs stay open.
        app.MapGroup("").RequireAuthorization(CallerPolicies.Caller).MapCarter();
        return app;
    }
}
