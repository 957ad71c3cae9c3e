using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AdapterPipeline.MetadataService;
using AdapterPipeline.TestSupport;
using Microsoft.Extensions.Hosting;

namespace AdapterPipeline.Ingress.Tests.Identity;

/// <summary>
/// The real Ingress and metadata service on an isolated slice, with short waits so routes that start work answer
/// quickly; shared by the classes of the <see cref="IdentityCollection"/>.
/// </summary>
public sealed class IdentitySystem() : SystemFixture(Settings, TimeSpan.FromSeconds(100), b => b.AddMetadataService())
{
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["AdapterApi:CreateWaitTimeout"] = "00:00:01",
        ["AdapterApi:RequestTimeout"] = "00:00:20",
        ["TrainingData:MetadataRequestTimeout"] = "00:00:20",
        ["Auth:KeyCacheLifetime"] = "00:00:02",
    };

    public IHost MetadataService => Hosts[0];

    /// <summary>Sends the bootstrap (service, admin) key.</summary>
    public HttpClient Admin => Http;

    /// <summary>Issues a key through the admin API and answers it with its id.</summary>
    public async Task<(string KeyId, string Key)> IssueKeyAsync(string? userId, bool readOnly = false, int? expiresInDays = null)
    {
        using var response = await Admin.PostAsJsonAsync("/admin/api-keys", new { user_id = userId, read_only = readOnly, expires_in_days = expiresInDays });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        var issued = JsonSerializer.Deserialize<JsonElement>(body);
        return (issued.GetProperty("key_id").GetString()!, issued.GetProperty("api_key").GetString()!);
    }
}

[CollectionDefinition(Name)]
public sealed class IdentityCollection : ICollectionFixture<IdentitySystem>
{
    public const string Name = "identity";
}
