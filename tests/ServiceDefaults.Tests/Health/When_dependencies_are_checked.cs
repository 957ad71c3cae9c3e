using AdapterPipeline.ServiceDefaults.Health;
using AdapterPipeline.ServiceDefaults.Messaging;
using AdapterPipeline.ServiceDefaults.Storage;
using AdapterPipeline.TestSupport;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AdapterPipeline.ServiceDefaults.Tests.Health;

public sealed class When_dependencies_are_checked(IsolatedInfrastructure infrastructure) : IClassFixture<IsolatedInfrastructure>
{
    private static readonly HealthCheckContext Context = new()
    {
        Registration = new HealthCheckRegistration("test", _ => null!, HealthStatus.Unhealthy, null),
    };

    private RabbitMqOptions Rabbit(int? port = null) => new()
    {
        Host = infrastructure.Endpoints.RabbitHost,
        Port = port ?? infrastructure.Endpoints.RabbitPort,
        VirtualHost = infrastructure.Name,
        Username = infrastructure.Endpoints.RabbitUsername,
        Password = infrastructure.Endpoints.RabbitPassword,
    };

    [Fact]
    public async Task Should_report_a_reachable_broker_healthy()
    {
        var result = await new RabbitMqHealthCheck(Options.Create(Rabbit())).CheckHealthAsync(Context);
        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public async Task Should_report_a_closed_broker_port_unhealthy()
    {
        var result = await new RabbitMqHealthCheck(Options.Create(Rabbit(port: 1))).CheckHealthAsync(Context);
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }

    [Fact]
    public async Task Should_report_a_reachable_database_healthy()
    {
        await using var dataSource = NpgsqlDataSource.Create(infrastructure.PostgresConnectionString);
        var result = await new PostgresHealthCheck(dataSource).CheckHealthAsync(Context);
        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public async Task Should_report_a_wrong_database_password_unhealthy()
    {
        var wrong = new NpgsqlConnectionStringBuilder(infrastructure.PostgresConnectionString) { Password = "wrong", Timeout = 3 };
        await using var dataSource = NpgsqlDataSource.Create(wrong.ConnectionString);
        var result = await new PostgresHealthCheck(dataSource).CheckHealthAsync(Context);
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }

    [Fact]
    public async Task Should_report_an_existing_bucket_healthy_and_a_missing_one_unhealthy()
    {
        using var s3 = infrastructure.CreateS3Client();
        var healthy = await new S3HealthCheck(s3, Options.Create(infrastructure.S3Options)).CheckHealthAsync(Context);
        var missing = infrastructure.S3Options;
        missing.Bucket = "no-such-bucket-" + Guid.NewGuid().ToString("N")[..8];
        var unhealthy = await new S3HealthCheck(s3, Options.Create(missing)).CheckHealthAsync(Context);

        Assert.Equal(HealthStatus.Healthy, healthy.Status);
        Assert.Equal(HealthStatus.Unhealthy, unhealthy.Status);
    }
}
