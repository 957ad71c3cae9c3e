using AdapterPipeline.ServiceDefaults.Health;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.ServiceDefaults.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// MassTransit over RabbitMQ with kebab-case queue names. <paramref name="configure"/> registers the service's
    /// consumers and sagas; <paramref name="configureBus"/> tunes the transport.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging(
        this IHostApplicationBuilder builder,
        Action<IBusRegistrationConfigurator> configure,
        Action<IBusRegistrationContext, IRabbitMqBusFactoryConfigurator>? configureBus = null)
    {
        builder.Services.AddOptions<RabbitMqOptions>()
            .BindConfiguration(RabbitMqOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddMassTransit(x =>
        {
            // MassTransit's own bus check: ready once this service's bus is connected and its endpoints listen,
            // which says more than a fresh AMQP connection to the broker would.
            x.ConfigureHealthCheckOptions(h =>
            {
                h.Name = "rabbitmq";
                h.Tags.Clear();
                h.Tags.Add(HealthTags.Ready);
            });
            x.SetKebabCaseEndpointNameFormatter();
            x.DisableUsageTelemetry();
            configure(x);
            x.UsingRabbitMq((context, cfg) =>
            {
                var o = context.GetRequiredService<IOptions<RabbitMqOptions>>().Value;
                cfg.Host(o.Host, (ushort)o.Port, o.VirtualHost, h =>
                {
                    h.Username(o.Username);
                    h.Password(o.Password);
                });
                configureBus?.Invoke(context, cfg);
                cfg.ConfigureEndpoints(context);
            });
        });
        return builder;
    }
}
