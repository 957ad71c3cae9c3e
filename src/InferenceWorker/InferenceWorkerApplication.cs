using AdapterPipeline.InferenceWorker.Adapters;
using AdapterPipeline.InferenceWorker.Completions;
using AdapterPipeline.InferenceWorker.Serving;
using AdapterPipeline.InferenceWorker.SystemPrompts;
using AdapterPipeline.LanguageModels.BaseModels;
using AdapterPipeline.ServiceDefaults;
using AdapterPipeline.ServiceDefaults.Health;
using AdapterPipeline.ServiceDefaults.Messaging;
using AdapterPipeline.ServiceDefaults.Storage;

namespace AdapterPipeline.InferenceWorker;

public static class InferenceWorkerApplication
{
    public const string ServiceName = "inference-worker";

    public static WebApplicationBuilder AddInferenceWorker(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults(ServiceName);
        builder.AddS3Storage();
        builder.Services.AddOptions<InferenceOptions>().BindConfiguration(InferenceOptions.Section);
        builder.Services.AddOptions<BaseModelOptions>().BindConfiguration(BaseModelOptions.Section);
        builder.Services.AddSingleton(sp => new S3BaseModelDownloader(sp.GetRequiredService<ObjectStore>()));
        builder.Services.AddSingleton<BaseModelRegistry>();
        builder.Services.AddSingleton<ServedBases>();
        builder.Services.AddSingleton<AdapterCache>();
        builder.Services.AddSingleton<AdapterStore>();
        builder.Services.AddSingleton<SystemPromptStore>();
        builder.Services.AddSingleton<CompletionService>();
        builder.AddMessaging(x =>
        {
            // A queue per worker instance, so every worker drops its own copy of a changed adapter.
            x.AddConsumer<AdapterChangesConsumer>().Endpoint(e =>
            {
                e.Name = $"{ServiceName}-adapter-changes";
                e.InstanceId = Guid.NewGuid().ToString("N")[..8];
                e.Temporary = true;
            });
        });
        return builder;
    }

    public static WebApplication UseInferenceWorker(this WebApplication app)
    {
        app.MapHealthEndpoints();
        app.MapCompletions();
        return app;
    }
}
