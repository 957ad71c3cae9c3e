using AdapterPipeline.ServiceDefaults;
using AdapterPipeline.ServiceDefaults.Messaging;
using AdapterPipeline.ServiceDefaults.Storage;

namespace AdapterPipeline.PackagingWorker;

public static class PackagingWorkerApplication
{
    public const string ServiceName = "packaging-worker";

    public static HostApplicationBuilder AddPackagingWorker(this HostApplicationBuilder builder)
    {
        builder.AddServiceDefaults(ServiceName);
        builder.AddS3Storage();
        builder.AddMessaging(x => x.AddPingResponder(ServiceName));
        return builder;
    }
}
