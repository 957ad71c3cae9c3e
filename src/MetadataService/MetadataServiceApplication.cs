using AdapterPipeline.Diagnostics;
using AdapterPipeline.Domain.Validation;
using AdapterPipeline.MetadataService.Adapters;
using AdapterPipeline.MetadataService.EventStore;
using AdapterPipeline.MetadataService.TrainingData;
using AdapterPipeline.MetadataService.Webhooks;
using AdapterPipeline.ServiceDefaults;
using AdapterPipeline.ServiceDefaults.Health;
using AdapterPipeline.ServiceDefaults.Messaging;
using AdapterPipeline.ServiceDefaults.Storage;

namespace AdapterPipeline.MetadataService;

public static class MetadataServiceApplication
{
    public const string ServiceName = "metadata-service";

    public static HostApplicationBuilder AddMetadataService(this HostApplicationBuilder builder)
    {
        builder.AddServiceDefaults(ServiceName);
        builder.AddPostgres();
        builder.AddS3Storage();
        builder.AddTrainingDataRules();
        builder.AddAvatarEventStore(o => o.AddTrainingDataProjections().AddAdapterDocuments());
        builder.AddAdapterServices();
        builder.Services.AddTrainingDataServices();
        builder.AddWebhooks();
        builder.AddMessaging(x =>
        {
            x.AddPingResponder(ServiceName);
            x.AddTrainingDataConsumers();
            x.AddAdapterConsumers();
            x.AddWebhookConsumers();
        });
        return builder;
    }
}
