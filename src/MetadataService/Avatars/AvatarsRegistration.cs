using AdapterPipeline.Messaging;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AdapterPipeline.MetadataService.Avatars;

public static class AvatarsRegistration
{
    public static IServiceCollection AddAvatarServices(this IServiceCollection services)
    {
        services.AddSingleton<AvatarStreamWriter>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    public static IBusRegistrationConfigurator AddAvatarConsumers(this IBusRegistrationConfigurator x)
    {
        x.AddConsumer<AvatarHistoryConsumer>(RequestConsumers.Configure);
        return x;
    }
}
