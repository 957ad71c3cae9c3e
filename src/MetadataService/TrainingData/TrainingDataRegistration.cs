using AdapterPipeline.MetadataService.TrainingData.Consumers;
using JasperFx;
using JasperFx.Events.Projections;
using Marten;
using MassTransit;

namespace AdapterPipeline.MetadataService.TrainingData;

public static class TrainingDataRegistration
{
    /// <summary>The avatar's training-data read model, folded inline (in the transaction that appends the events).</summary>
    public static StoreOptions AddTrainingDataProjections(this StoreOptions options)
    {
        options.Projections.Snapshot<AvatarTrainingData>(SnapshotLifecycle.Inline);
        return options;
    }

    public static IServiceCollection AddTrainingDataServices(this IServiceCollection services)
    {
        services.AddSingleton<AvatarStreamWriter>();
        services.AddSingleton<AvatarTrainingDataWriter>();
        services.AddSingleton<MetadataJson>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>
    /// One queue per consumer (kebab-case message names). Version conflicts are retried inside the writer; what
    /// still fails (a conflict storm, a broker or S3 hiccup) is redelivered a few times before it faults.
    /// </summary>
    public static IBusRegistrationConfigurator AddTrainingDataConsumers(this IBusRegistrationConfigurator x)
    {
        x.AddConsumer<RecordTrainingFilesConsumer>(Retry);
        x.AddConsumer<SetTrainingFlagConsumer>(Retry);
        x.AddConsumer<RemoveTrainingFileConsumer>(Retry);
        x.AddConsumer<RemoveNonTrainingFilesConsumer>(Retry);
        x.AddConsumer<TrainingDataQueriesConsumer>(Retry);
        return x;
    }

    private static void Retry<T>(IRegistrationContext context, IConsumerConfigurator<T> consumer) where T : class =>
        consumer.UseMessageRetry(r =>
        {
            r.Ignore<TrainingDataRejection>();
            r.Intervals(100, 500, 1000, 2000);
        });
}
