using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace AdapterPipeline.ServiceDefaults.Messaging;

/// <summary>Opens (and closes) a real AMQP connection to the configured virtual host.</summary>
public sealed class RabbitMqHealthCheck(IOptions<RabbitMqOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var factory = new ConnectionFactory
        {
            HostName = o.Host,
            Port = o.Port,
            VirtualHost = o.VirtualHost,
            UserName = o.Username,
            Password = o.Password,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
            ClientProvidedName = "health-check",
        };
        try
        {
            await using var connection = await factory.CreateConnectionAsync(cancellationToken);
            return HealthCheckResult.Healthy($"AMQP connection to {o.Host}:{o.Port} opened");
        }
        catch (Exception ex) when (ex is BrokerUnreachableException or OperationInterruptedException or TimeoutException or IOException)
        {
            return HealthCheckResult.Unhealthy($"AMQP connection to {o.Host}:{o.Port} failed", ex);
        }
    }
}
