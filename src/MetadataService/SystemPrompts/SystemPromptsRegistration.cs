using AdapterPipeline.Messaging;
using AdapterPipeline.MetadataService.Avatars;
using AdapterPipeline.MetadataService.SystemPrompts.Consumers;
using JasperFx.Events.Projections;
using Marten;
using MassTransit;

namespace AdapterPipeline.MetadataService.SystemPrompts;

public static class SystemPromptsRegistration
{
    /// <summary>The avatar's current system prompt, folded inline from the avatar stream.</summary>
    public static StoreOptions AddSystemPromptProjections(this StoreOptions options)
    {
        options.Projections.Snapshot<AvatarSystemPromptState>(SnapshotLifecycle.Inline);
        return options;
    }

    public static IServiceCollection AddSystemPromptServices(this IServiceCollection services) => services.AddSingleton<SystemPromptWriter>();

    public static IBusRegistrationConfigurator AddSystemPromptConsumers(this IBusRegistrationConfigurator x)
    {
        x.AddConsumer<SetSystemPromptConsumer>(RequestConsumers.Configure);
        x.AddConsumer<ClearSystemPromptConsumer>(RequestConsumers.Configure);
        x.AddConsumer<GetSystemPromptConsumer>(RequestConsumers.Configure);
        x.AddConsumer<RewriteSystemPromptConsumer>(FollowUpRetry.Configure);
        return x;
    }
}
