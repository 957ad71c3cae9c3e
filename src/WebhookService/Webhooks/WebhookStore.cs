using JasperFx;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AdapterPipeline.WebhookService.Webhooks;

public static class WebhookStore
{
    /// <summary>
    /// The service's own Marten store on the shared data source, in its own schema (<see cref="WebhookOptions.Schema"/>),
    /// so no table is shared with another service. The documents are mapped in <see cref="WebhookRegistration"/>.
    /// </summary>
    public static IHostApplicationBuilder AddWebhookStore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddMarten(sp =>
            {
                var options = new StoreOptions();
                options.Connection(sp.GetRequiredService<NpgsqlDataSource>());
                options.DatabaseSchemaName = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.Schema;
                options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
                return options;
            })
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup();
        return builder;
    }
}
