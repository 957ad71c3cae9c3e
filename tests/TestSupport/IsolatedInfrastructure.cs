using System.Net.Http.Headers;
using System.Text;
using AdapterPipeline.ServiceDefaults.Storage;
using Amazon.S3;
using Amazon.S3.Model;
using Npgsql;
using Xunit;

namespace AdapterPipeline.TestSupport;

/// <summary>
/// A private slice of the real infrastructure for one test class: its own RabbitMQ virtual host, PostgreSQL database
/// and S3 bucket, so test classes (and a running ./dev.sh up) never consume each other's messages or see each
/// other's data. Everything is removed afterwards.
/// </summary>
public sealed class IsolatedInfrastructure : IAsyncLifetime
{
    public string Name { get; } = "test-" + Guid.NewGuid().ToString("N")[..12];

    public InfrastructureEndpoints Endpoints { get; private set; } = null!;

    public string PostgresConnectionString { get; private set; } = null!;

    public string Bucket => Name;

    private string Database => Name.Replace('-', '_');

    /// <summary>Configuration keys a service reads, pointing at this slice.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:Postgres"] = PostgresConnectionString,
        ["RabbitMq:Host"] = Endpoints.RabbitHost,
        ["RabbitMq:Port"] = Endpoints.RabbitPort.ToString(),
        ["RabbitMq:VirtualHost"] = Name,
        ["RabbitMq:Username"] = Endpoints.RabbitUsername,
        ["RabbitMq:Password"] = Endpoints.RabbitPassword,
        ["S3:ServiceUrl"] = Endpoints.S3ServiceUrl,
        ["S3:AccessKey"] = Endpoints.S3AccessKey,
        ["S3:SecretKey"] = Endpoints.S3SecretKey,
        ["S3:Bucket"] = Bucket,
        ["S3:CreateBucket"] = "false",
        ["Webhooks:AllowLoopback"] = "true",
    };

    public S3Options S3Options => new()
    {
        ServiceUrl = Endpoints.S3ServiceUrl,
        AccessKey = Endpoints.S3AccessKey,
        SecretKey = Endpoints.S3SecretKey,
        Bucket = Bucket,
    };

    public IAmazonS3 CreateS3Client() => StorageExtensions.CreateClient(S3Options);

    public ObjectStore CreateObjectStore() => new(CreateS3Client(), Microsoft.Extensions.Options.Options.Create(S3Options));

    public async Task InitializeAsync()
    {
        Endpoints = await InfrastructureLocator.LocateAsync();

        using var management = ManagementClient();
        (await management.PutAsync($"api/vhosts/{Name}", Json("{}"))).EnsureSuccessStatusCode();
        (await management.PutAsync($"api/permissions/{Name}/{Endpoints.RabbitUsername}",
            Json("""{"configure":".*","write":".*","read":".*"}"""))).EnsureSuccessStatusCode();

        await using (var admin = new NpgsqlConnection(Endpoints.PostgresConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {Database}", admin);
            await create.ExecuteNonQueryAsync();
        }
        PostgresConnectionString = new NpgsqlConnectionStringBuilder(Endpoints.PostgresConnectionString) { Database = Database }.ConnectionString;

        using var s3 = CreateS3Client();
        await s3.PutBucketAsync(Bucket);
    }

    public async Task DisposeAsync()
    {
        using (var management = ManagementClient())
        {
            await management.DeleteAsync($"api/vhosts/{Name}");
        }

        NpgsqlConnection.ClearAllPools();
        await using (var admin = new NpgsqlConnection(Endpoints.PostgresConnectionString))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        using var s3 = CreateS3Client();
        await CreateObjectStore().DeletePrefixAsync("", CancellationToken.None);
        await s3.DeleteBucketAsync(Bucket);
    }

    private HttpClient ManagementClient()
    {
        var client = new HttpClient { BaseAddress = Endpoints.RabbitManagementUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Endpoints.RabbitUsername}:{Endpoints.RabbitPassword}")));
        return client;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
