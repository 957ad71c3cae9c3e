using AdapterPipeline.Contracts;
using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.Diagnostics;
using AdapterPipeline.Domain.Validation;
using AdapterPipeline.MetadataService.Adapters;
using AdapterPipeline.MetadataService.Avatars;
using AdapterPipeline.MetadataService.EventStore;
using AdapterPipeline.MetadataService.Jobs;
using AdapterPipeline.MetadataService.Outbox;
using AdapterPipeline.MetadataService.Staging;
using AdapterPipeline.MetadataService.SystemPrompts;
using AdapterPipeline.MetadataService.TrainingData;
using AdapterPipeline.MetadataService.Usage;
using AdapterPipeline.ServiceDefaults;
using AdapterPipeline.ServiceDefaults.Health;
using AdapterPipeline.ServiceDefaults.Messaging;
using AdapterPipeline.ServiceDefaults.Storage;
using MassTransit;

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
        builder.AddAvatarEventStore(o => o.AddTrainingDataProjections().AddAdapterProjections().AddSystemPromptProjections().AddJobDocuments().AddOutboxDocuments());
        builder.Services.AddAvatarServices().AddTrainingDataServices().AddAdapterServices().AddSystemPromptServices().AddUsageServices(builder.Configuration)
            .AddStagingSweep();
        builder.AddJobServices();
        builder.AddOutbox();
        builder.AddMessaging(x =>
        {
            x.AddPingResponder(ServiceName);
            x.AddAvatarConsumers();
            x.AddTrainingDataConsumers();
            x.AddAdapterConsumers();
            x.AddSystemPromptConsumers();
            x.AddJobConsumers();
        }, (_, bus) =>
        {
            // The events the webhook service turns into webhooks wait in its queue even before it first started.
            bus.Publish<TrainingJobEnded>(p => p.BindQueue(bus.MessageTopology.GetMessageTopology<TrainingJobEnded>().EntityName, EventQueues.WebhookEvents));
            bus.Publish<AdapterDeleted>(p => p.BindQueue(bus.MessageTopology.GetMessageTopology<AdapterDeleted>().EntityName, EventQueues.WebhookEvents));
        });
        return builder;
    }
}
