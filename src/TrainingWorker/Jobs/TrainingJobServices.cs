using AdapterPipeline.Messaging;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AdapterPipeline.TrainingWorker.Jobs;

public static class TrainingJobServices
{
    /// <summary>Registers what the job consumers need (options from the <c>Training</c> section).</summary>
    public static IHostApplicationBuilder AddTrainingJobs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TrainingJobOptions>().BindConfiguration(TrainingJobOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RunningTrainingJobs>();
        builder.Services.AddSingleton<TrainingFileDownloader>();
        builder.Services.AddSingleton<AdapterStaging>();
        builder.Services.AddScoped<JobLivenessCheck>();
        // On shutdown MassTransit waits this long for consumers, then cancels their ConsumeContext.CancellationToken;
        // a training job stops within one step and hands its message back to the queue (StartTrainingConsumer).
        builder.Services.Configure<MassTransitHostOptions>(o => o.ConsumerStopTimeout ??= TimeSpan.FromSeconds(1));
        return builder;
    }

    /// <summary>
    /// The job consumers: StartTraining on the shared training queue, ValidateTrainingSettings and PreviewTraining each
    /// on its own queue, and
    /// CancelTraining on a queue per worker instance (deleted when the worker stops), so every worker hears each cancel.
    /// </summary>
    public static void AddTrainingJobConsumers(this IBusRegistrationConfigurator x, string serviceName)
    {
        x.AddConsumer<StartTrainingConsumer, StartTrainingConsumerDefinition>();
        x.AddConsumer<ValidateTrainingSettingsConsumer>();
        x.AddConsumer<PreviewTrainingConsumer>(RequestConsumers.Configure);
        x.AddRequestClient<Contracts.Jobs.GetTrainingJob>();
        x.AddConsumer<CancelTrainingConsumer>().Endpoint(e =>
        {
            e.Name = $"{serviceName}-cancel";
            e.InstanceId = Guid.NewGuid().ToString("N")[..8];
            e.Temporary = true;
        });
    }
}
