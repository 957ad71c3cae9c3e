using Marten;

namespace AdapterPipeline.MetadataService.Outbox;

public static class OutboxRegistration
{
    public static StoreOptions AddOutboxDocuments(this StoreOptions options)
    {
        options.Schema.For<OutboxMessage>().Index(m => m.CreatedAt);
        return options;
    }

    /// <summary>The outbox and its relay (options from the <c>Outbox</c> section).</summary>
    public static IHostApplicationBuilder AddOutbox(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section);
        builder.Services.AddSingleton<MessageOutbox>();
        builder.Services.AddHostedService<OutboxRelay>();
        return builder;
    }
}
