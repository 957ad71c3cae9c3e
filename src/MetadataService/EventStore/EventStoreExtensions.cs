using JasperFx;
using JasperFx.Events;
using Marten;
using Npgsql;

namespace AdapterPipeline.MetadataService.EventStore;

public static class EventStoreExtensions
{
    public const string Schema = "adapter_pipeline";

    /// <summary>
    /// Marten on the shared data source: string stream ids (<c>avatar:{user_id}:{avatar_id}</c>), inline projections
    /// only (the async daemon's HotCold mode is unavailable with the DistributedLock build we restore).
    /// </summary>
    public static IHostApplicationBuilder AddAvatarEventStore(this IHostApplicationBuilder builder, Action<StoreOptions>? configure = null)
    {
        builder.Services.AddMarten(sp =>
            {
                var options = new StoreOptions();
                options.Connection(sp.GetRequiredService<NpgsqlDataSource>());
                options.DatabaseSchemaName = Schema;
                options.Events.StreamIdentity = StreamIdentity.AsString;
                // Each event records who caused it (AvatarStreams.ActedByHeader).
                options.Events.MetadataConfig.HeadersEnabled = true;
                options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
                configure?.Invoke(options);
                return options;
            })
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup();
        return builder;
    }
}
