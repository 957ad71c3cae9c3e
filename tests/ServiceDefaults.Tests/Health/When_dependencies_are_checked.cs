using AdapterPipeline.ServiceDefaults.Health;
using AdapterPipeline.ServiceDefaults.Messaging;
using AdapterPipeline.ServiceDefaults.Storage;
using AdapterPipeline.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AdapterPipeline.ServiceDefaults.Tests.Health;

/// <summary>The readiness checks as the services register them, against the real broker, database and S3 server.</summary>
public sealed class When_dependencies_are_checked(IsolatedInfrastructure infrastructure) : IClassFixture<IsolatedInfrastructure>
{
    private static readonly HealthCheckContext Context = new()
    {
        Registration = new HealthCheckRegistration("test", _ => null!, HealthStatus.Unhealthy, null),
    };

    private IHost Build(Action<HostApplicationBuilder> add, params (string Key, string Value)[] overrides)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(infrastructure.Settings);
        builder.Configuration.AddInMemoryCollection(overrides.Select(o => new KeyValuePair<string, string?>(o.Key, o.Value)));
        add(builder);
        return builder.Build();
    }

    private static async Task<HealthReportEntry> ReadinessAsync(IHost host, string name)
    {
        var report = await host.Services.GetRequiredService<HealthCheckService>()
            .CheckHealthAsync(c => c.Tags.Contains(HealthTags.Ready) && c.Name == name);
        return Assert.Single(report.Entries, e => e.Key == name).Value;
    }

    [Fact]
    public async Task Should_report_the_bus_ready_once_it_is_connected()
    {
        using var host = Build(b => b.AddMessaging(_ => { }));
        await host.StartAsync();
        try
        {
            await Eventually.Until(() => ReadinessAsync(host, "rabbitmq"), entry => entry.Status == HealthStatus.Healthy,
                TimeSpan.FromSeconds(60), "a healthy bus", entry => entry.Status.ToString());
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Should_not_report_a_bus_on_a_closed_broker_port_ready()
    {
        using var host = Build(b => b.AddMessaging(_ => { }), ("RabbitMq:Port", "1"));
        await host.StartAsync();
        try
        {
            Assert.NotEqual(HealthStatus.Healthy, (await ReadinessAsync(host, "rabbitmq")).Status);
        }
        finally
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await host.StopAsync(stop.Token);
        }
    }

    [Fact]
    public async Task Should_report_a_reachable_database_healthy()
    {
        using var host = Build(b => b.AddPostgres());
        Assert.Equal(HealthStatus.Healthy, (await ReadinessAsync(host, "postgres")).Status);
    }

    [Fact]
    public async Task Should_report_a_wrong_database_password_unhealthy()
    {
        var wrong = new NpgsqlConnectionStringBuilder(infrastructure.PostgresConnectionString) { Password = "wrong", Timeout = 3 };
        using var host = Build(b => b.AddPostgres(), ("ConnectionStrings:Postgres", wrong.ConnectionString));
        Assert.Equal(HealthStatus.Unhealthy, (await ReadinessAsync(host, "postgres")).Status);
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
