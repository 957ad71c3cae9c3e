using AdapterPipeline.Contracts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using AdapterPipeline.WebhookService.Webhooks.Consumers;
using AdapterPipeline.Messaging;
using Marten;
using MassTransit;

namespace AdapterPipeline.WebhookService.Webhooks;

public static class WebhookRegistration
{
    /// <summary>Options, the guarded HTTP client, the documents (in <see cref="WebhookStore"/>) and the dispatcher that sends due deliveries.</summary>
    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookOptions>()
            .BindConfiguration(WebhookOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.RetrySchedule is null || (o.RetrySchedule.Length > 0 && o.RetrySchedule.All(d => d >= TimeSpan.Zero)),
                "Webhooks:RetrySchedule needs at least one delay and no negative ones.")
            .ValidateOnStart();
        builder.Services.AddOptions<WebhookQuotaOptions>().BindConfiguration(WebhookQuotaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<WebhookUrlGuard>();
        builder.Services.AddWebhookHttpClient();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddSingleton<WebhookDeliveryStore>();
        builder.Services.AddSingleton<WebhookDispatchSignal>();
        builder.Services.AddSingleton<JobWebhookSecrets>();
        builder.Services.AddDataProtection().SetApplicationName("adapter-pipeline-webhook-service");
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DataProtectionKeyRing(sp.GetRequiredService<IDocumentStore>())));
        builder.Services.AddSingleton<WebhookSecretProtector>();
        builder.Services.AddHostedService<WebhookDispatcher>();
        builder.Services.AddHostedService<WebhookBacklog>();
        builder.Services.ConfigureMarten(o =>
        {
            o.Schema.For<WebhookSubscription>().DocumentAlias("webhook_subscription").Duplicate(s => s.UserId);
            o.Schema.For<WebhookDelivery>().DocumentAlias(WebhookDeliveryStore.Alias)
                .Duplicate(d => d.NextAttemptAt!, pgType: "timestamp with time zone")
                .Duplicate(d => d.UserId)
                .Duplicate(d => d.CreatedAt, pgType: "timestamp with time zone");
            o.Schema.For<JobWebhookSecretDocument>().DocumentAlias("job_webhook_secret");
            o.Schema.For<DataProtectionKeyDocument>().DocumentAlias("data_protection_key");
        });
        return builder;
    }

    /// <summary>
    /// One queue per consumer. Database or broker hiccups are retried a few times; refusals are answers, not faults.
    /// </summary>
    public static IBusRegistrationConfigurator AddWebhookConsumers(this IBusRegistrationConfigurator x)
    {
        x.AddConsumer<WebhookEventsConsumer>(RequestConsumers.Configure).Endpoint(e => e.Name = EventQueues.WebhookEvents);
        x.AddConsumer<WebhookSubscriptionsConsumer>(RequestConsumers.Configure);
        x.AddConsumer<WebhookDeliveriesConsumer>(RequestConsumers.Configure);
        x.AddConsumer<WebhookUrlCheckConsumer>(RequestConsumers.Configure);
        x.AddConsumer<WebhookUsageConsumer>(RequestConsumers.Configure);
        return x;
    }
}
