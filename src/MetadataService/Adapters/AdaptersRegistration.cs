using AdapterPipeline.MetadataService.Avatars;
using AdapterPipeline.MetadataService.Adapters.Consumers;
using AdapterPipeline.Messaging;
using JasperFx.Events.Projections;
using Marten;
using MassTransit;

namespace AdapterPipeline.MetadataService.Adapters;

public static class AdaptersRegistration
{
    /// <summary>The avatar's adapter read model, folded inline from the same stream as its training data.</summary>
    public static StoreOptions AddAdapterProjections(this StoreOptions options)
    {
        options.Projections.Snapshot<AvatarAdapter>(SnapshotLifecycle.Inline);
        return options;
    }

    public static IServiceCollection AddAdapterServices(this IServiceCollection services)
    {
        services.AddSingleton<AdapterObjects>();
        services.AddSingleton<AvatarAdapterWriter>();
        return services;
    }

    public static IBusRegistrationConfigurator AddAdapterConsumers(this IBusRegistrationConfigurator x)
    {
        x.AddConsumer<DeleteAdapterConsumer>(RequestConsumers.Configure);
        x.AddConsumer<RestoreAdapterVersionConsumer>(RequestConsumers.Configure);
        x.AddConsumer<AdapterQueriesConsumer>(RequestConsumers.Configure);
        x.AddConsumer<MatchAdapterObjectsConsumer>(FollowUpRetry.Configure);
        x.AddConsumer<ListServedAvatarsConsumer>(RequestConsumers.Configure);
        return x;
    }
}
