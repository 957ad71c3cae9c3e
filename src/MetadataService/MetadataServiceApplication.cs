using AdapterPipeline.MetadataService.EventStore;
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
        builder.AddAvatarEventStore();
        builder.AddMessaging(x => x.AddPingResponder(ServiceName));
        return builder;
    }
}
