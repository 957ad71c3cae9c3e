using AdapterPipeline.Diagnostics;
using AdapterPipeline.ServiceDefaults;
using AdapterPipeline.ServiceDefaults.Messaging;
using AdapterPipeline.ServiceDefaults.Storage;
using AdapterPipeline.TrainingWorker.AdapterVersions;
using AdapterPipeline.TrainingWorker.Checkpoints;
using AdapterPipeline.TrainingWorker.Compute;
using AdapterPipeline.TrainingWorker.Jobs;
using AdapterPipeline.TrainingWorker.Training;

namespace AdapterPipeline.TrainingWorker;

public static class TrainingWorkerApplication
{
    public const string ServiceName = "training-worker";

    public static IHostApplicationBuilder AddTrainingWorker(this IHostApplicationBuilder builder)
    {
        MallocTuning.Apply();
        builder.AddServiceDefaults(ServiceName);
        builder.AddS3Storage();
        builder.Services.AddSingleton<TrainingDevice>();
        builder.Services.AddSingleton<IPingDetail>(sp => sp.GetRequiredService<TrainingDevice>());
        builder.Services.AddHostedService<TrainingDeviceProbe>();
        builder.AddLoraTraining();
        builder.AddTrainingJobs();
        builder.AddTrainingCheckpoints();
        builder.Services.AddSingleton<AdapterVersionDownloader>();
        builder.AddMessaging(x =>
        {
            x.AddPingResponder(ServiceName);
            x.AddTrainingJobConsumers(ServiceName);
        });
        return builder;
    }
}
