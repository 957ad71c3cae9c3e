using AdapterPipeline.Diagnostics;
using AdapterPipeline.Domain.Validation;
using AdapterPipeline.MetadataService.Adapters;
using AdapterPipeline.MetadataService.Avatars;
using AdapterPipeline.MetadataService.EventStore;
using AdapterPipeline.MetadataService.Jobs;
using AdapterPipeline.MetadataService.TrainingData;
using AdapterPipeline.MetadataService.Usage;
using AdapterPipeline.ServiceDefaults;
using AdapterPipeline.ServiceDefaults.Health;
using AdapterPipeline.ServiceDefaults.Messaging;
using AdapterPipeline.ServiceDefaults.Storage;

namespace AdapterPipeline.MetadataService;

public static class MetadataServiceApplication
{
    public const string ServiceName = "metadata-service";

    public static IHostApplicationBuilder AddMetadataService(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDefaults(ServiceName);
        builder.AddPostgres();
        builder.AddS3Storage();
        builder.AddTrainingDataRules();
        builder.AddAvatarEventStore(o => o.AddTrainingDataProjections().AddAdapterProjections().AddJobDocuments());
        builder.Services.AddAvatarServices().AddTrainingDataServices().AddAdapterServices().AddUsageServices(builder.Configuration);
        builder.AddJobServices();
        builder.AddMessaging(x =>
        {
            x.AddPingResponder(ServiceName);
            x.AddAvatarConsumers();
            x.AddTrainingDataConsumers();
            x.AddAdapterConsumers();
            x.AddJobConsumers();
        });
        return builder;
    }
}
