using AdapterPipeline.MetadataService.Avatars;
using AdapterPipeline.MetadataService.TrainingData.Consumers;
using AdapterPipeline.Messaging;
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
        services.AddSingleton<AvatarTrainingDataWriter>();
        services.AddSingleton<MetadataJson>();
        services.AddSingleton<UserUsageReader>();
        return services;
    }

    /// <summary>One queue per consumer (kebab-case message names); version conflicts are retried inside the writer.</summary>
    public static IBusRegistrationConfigurator AddTrainingDataConsumers(this IBusRegistrationConfigurator x)
    {
        x.AddConsumer<RecordTrainingFilesConsumer>(RequestConsumers.Configure);
        x.AddConsumer<SetTrainingFlagConsumer>(RequestConsumers.Configure);
        x.AddConsumer<SetEvalFlagConsumer>(RequestConsumers.Configure);
        x.AddConsumer<RemoveTrainingFileConsumer>(RequestConsumers.Configure);
        x.AddConsumer<RemoveNonTrainingFilesConsumer>(RequestConsumers.Configure);
        x.AddConsumer<RemoveUnrecordedObjectsConsumer>(FollowUpRetry.Configure);
        x.AddConsumer<TrainingDataQueriesConsumer>(RequestConsumers.Configure);
        x.AddConsumer<UsageQueriesConsumer>(RequestConsumers.Configure);
        return x;
    }
}
