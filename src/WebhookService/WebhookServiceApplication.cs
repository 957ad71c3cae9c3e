using AdapterPipeline.Diagnostics;
using AdapterPipeline.ServiceDefaults;
using AdapterPipeline.ServiceDefaults.Health;
using AdapterPipeline.ServiceDefaults.Messaging;
using AdapterPipeline.WebhookService.Webhooks;

namespace AdapterPipeline.WebhookService;

public static class WebhookServiceApplication
{
    public const string ServiceName = "webhook-service";

    public static IHostApplicationBuilder AddWebhookService(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDefaults(ServiceName);
        builder.AddPostgres();
        builder.AddWebhookStore();
        builder.AddWebhooks();
        builder.AddMessaging(x =>
        {
            x.AddPingResponder(ServiceName);
            x.AddWebhookConsumers();
        });
        return builder;
    }
}
