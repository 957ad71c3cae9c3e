using AdapterPipeline.Diagnostics;
using AdapterPipeline.PackagingWorker.Packaging;
using AdapterPipeline.ServiceDefaults;
using AdapterPipeline.ServiceDefaults.Messaging;
using AdapterPipeline.ServiceDefaults.Storage;

namespace AdapterPipeline.PackagingWorker;

public static class PackagingWorkerApplication
{
    public const string ServiceName = "packaging-worker";

    public static IHostApplicationBuilder AddPackagingWorker(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDefaults(ServiceName);
        builder.AddS3Storage();
        builder.Services.AddSingleton<AdapterPackager>();
        builder.Services.AddOptions<PackagingRetryOptions>().BindConfiguration(PackagingRetryOptions.Section);
        builder.AddMessaging(x =>
        {
            x.AddPingResponder(ServiceName);
            x.AddConsumer<PackageAdapterConsumer>(typeof(PackageAdapterConsumerDefinition));
            x.AddConsumer<PackageAdapterFaultConsumer>();
        });
        return builder;
    }
}
