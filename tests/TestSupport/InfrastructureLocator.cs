using System.Net.Sockets;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace AdapterPipeline.TestSupport;

/// <summary>
/// Finds the infrastructure the integration tests run against: the settings <c>./dev.sh test</c> exports, or, where
/// none are set and a Docker engine answers, containers started once per test process. Anything else fails loudly.
/// </summary>
public static class InfrastructureLocator
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static InfrastructureEndpoints? located;

    public static async Task<InfrastructureEndpoints> LocateAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return located ??= FromEnvironment() ?? await FromContainersAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    private static InfrastructureEndpoints? FromEnvironment()
    {
        var postgres = Environment.GetEnvironmentVariable("ConnectionStrings__Postgres");
        var rabbit = Environment.GetEnvironmentVariable("RabbitMq__Host");
        var s3 = Environment.GetEnvironmentVariable("S3__ServiceUrl");
        if (postgres is null && rabbit is null && s3 is null)
        {
            return null;
        }
        if (postgres is null || rabbit is null || s3 is null)
        {
            throw new InvalidOperationException(
                "Integration tests need ConnectionStrings__Postgres, RabbitMq__Host and S3__ServiceUrl together; " + HowToStart);
        }
        return new InfrastructureEndpoints(
            postgres,
            rabbit,
            int.Parse(Environment.GetEnvironmentVariable("RabbitMq__Port") ?? "5672"),
            Environment.GetEnvironmentVariable("RabbitMq__Username") ?? "guest",
            Environment.GetEnvironmentVariable("RabbitMq__Password") ?? "guest",
            new Uri(Environment.GetEnvironmentVariable("RabbitMq__ManagementUrl") ?? $"http://{rabbit}:15672"),
            s3,
            Environment.GetEnvironmentVariable("S3__AccessKey") ?? "S3RVER",
            Environment.GetEnvironmentVariable("S3__SecretKey") ?? "S3RVER");
    }

    private const string HowToStart =
        "run the tests with `./dev.sh test`, or start the infrastructure with `./dev.sh up` and export the settings it prints " +
        "(see docs/testing.md), or make a Docker engine available for Testcontainers.";

    private static async Task<InfrastructureEndpoints> FromContainersAsync()
    {
        if (!await DockerAnswersAsync())
        {
            throw new InvalidOperationException("No infrastructure for the integration tests: " + HowToStart);
        }

        var postgres = new PostgreSqlBuilder("postgres:15").Build();
        var rabbit = new RabbitMqBuilder("rabbitmq:3-management").WithPortBinding(15672, true)
            .WithUsername("guest").WithPassword("guest").Build();
        var minio = new ContainerBuilder("minio/minio:latest").WithCommand("server", "/data")
            .WithEnvironment("MINIO_ROOT_USER", "minioadmin").WithEnvironment("MINIO_ROOT_PASSWORD", "minioadmin")
            .WithPortBinding(9000, true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPath("/minio/health/ready").ForPort(9000)))
            .Build();
        await Task.WhenAll(postgres.StartAsync(), rabbit.StartAsync(), minio.StartAsync());

        var amqp = new Uri(rabbit.GetConnectionString());
        return new InfrastructureEndpoints(
            postgres.GetConnectionString(),
            amqp.Host,
            amqp.Port,
            "guest",
            "guest",
            new Uri($"http://{rabbit.Hostname}:{rabbit.GetMappedPublicPort(15672)}"),
            $"http://{minio.Hostname}:{minio.GetMappedPublicPort(9000)}",
            "minioadmin",
            "minioadmin");
    }

    /// <summary>Asks the Docker engine's <c>/_ping</c> (DOCKER_HOST or the default socket) for at most five seconds.</summary>
    private static async Task<bool> DockerAnswersAsync()
    {
        var dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST") ?? "unix:///var/run/docker.sock";
        var handler = new SocketsHttpHandler();
        var baseAddress = dockerHost.Replace("tcp://", "http://");
        if (dockerHost.StartsWith("unix://", StringComparison.Ordinal))
        {
            var socketPath = dockerHost["unix://".Length..];
            if (!File.Exists(socketPath))
            {
                return false;
            }
            handler.ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
                return new NetworkStream(socket, ownsSocket: true);
            };
            baseAddress = "http://docker";
        }
        try
        {
            using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
            using var response = await client.GetAsync($"{baseAddress.TrimEnd('/')}/_ping");
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or SocketException or IOException or TaskCanceledException)
        {
            return false;
        }
    }
}
