using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AdapterPipeline.MetadataService;
using AdapterPipeline.ServiceDefaults.Storage;
using AdapterPipeline.TestSupport;
using Microsoft.Extensions.Hosting;

namespace AdapterPipeline.Ingress.Tests.TrainingData;

/// <summary>
/// The real Ingress (Kestrel) and the metadata service on an isolated slice of RabbitMQ, PostgreSQL and S3, shared by
/// the classes of the <see cref="TrainingDataCollection"/>; each test works on its own fresh avatar.
/// </summary>
public sealed class TrainingDataSystem() : SystemFixture(Limits, TimeSpan.FromMinutes(2), b => b.AddMetadataService())
{
    /// <summary>Small limits so the limit tests stay quick.</summary>
    public const long MaxFileBytes = 256 * 1024;

    public const long MaxUploadRequestBytes = 3 * MaxFileBytes;

    public const int MaxFilesPerUpload = 100;

    public static readonly IReadOnlyDictionary<string, string?> Limits = new Dictionary<string, string?>
    {
        ["TrainingData:MaxFileBytes"] = MaxFileBytes.ToString(),
        ["TrainingData:MaxUploadRequestBytes"] = MaxUploadRequestBytes.ToString(),
        ["TrainingData:MaxFilesPerUpload"] = MaxFilesPerUpload.ToString(),
        ["TrainingData:MetadataRequestTimeout"] = "00:00:30",
    };

    public IHost MetadataService => Hosts[0];
}

[CollectionDefinition(Name)]
public sealed class TrainingDataCollection : ICollectionFixture<TrainingDataSystem>
{
    public const string Name = "training data";
}

/// <summary>A fresh avatar and the calls a client makes, so tests read like the API's description.</summary>
public sealed class Avatar(HttpClient http, ObjectStore store)
{
    public string UserId { get; } = "u-" + Guid.NewGuid().ToString("N")[..10];
    public string AvatarId { get; } = "a_" + Guid.NewGuid().ToString("N")[..10];
    public string Base => $"/training-data/{UserId}/{AvatarId}";

    public static MultipartFormDataContent Files(params (string Name, string Text)[] files) =>
        Files("files", files.Select(f => (f.Name, Encoding.UTF8.GetBytes(f.Text), (string?)"text/plain")).ToArray());

    public static MultipartFormDataContent Files(string field, params (string Name, byte[] Bytes, string? ContentType)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, bytes, contentType) in files)
        {
            var part = new ByteArrayContent(bytes);
            if (contentType is not null)
            {
                part.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
            form.Add(part, field, name);
        }
        return form;
    }

    public Task<HttpResponseMessage> UploadAsync(HttpContent content, string query = "") => http.PostAsync($"{Base}/upload{query}", content);

    public async Task<JsonElement> UploadOkAsync(params (string Name, string Text)[] files)
    {
        using var response = await UploadAsync(Files(files));
        return await OkJsonAsync(response);
    }

    public Task<HttpResponseMessage> SetFlagAsync(string fileName, bool flag) =>
        http.PutAsJsonAsync($"{Base}/{Uri.EscapeDataString(fileName)}/training-flag", new { use_for_training = flag });

    public async Task<JsonElement> ListAsync(string query = "")
    {
        using var response = await http.GetAsync($"{Base}/list{query}");
        return await OkJsonAsync(response);
    }

    public async Task<Dictionary<string, bool>> MetadataAsync()
    {
        using var response = await http.GetAsync($"{Base}/metadata");
        return (await OkJsonAsync(response)).Deserialize<Dictionary<string, bool>>()!;
    }

    /// <summary>metadata.json as it lies in S3; null when it was never written.</summary>
    public Task<Dictionary<string, bool>?> MetadataJsonInS3Async() =>
        WholeObjectReads.JsonAsync<Dictionary<string, bool>>(store, StorageKeys.Metadata(UserId, AvatarId));

    public Task<byte[]?> ObjectAsync(string fileName) =>
        WholeObjectReads.BytesAsync(store, StorageKeys.TrainingFile(UserId, AvatarId, fileName));

    /// <summary>Every key under the avatar's prefix (training files, metadata, staging).</summary>
    public async Task<List<string>> KeysAsync()
    {
        var keys = new List<string>();
        await foreach (var obj in store.ListAsync(StorageKeys.Avatar(UserId, AvatarId), CancellationToken.None))
        {
            keys.Add(obj.Key);
        }
        return keys;
    }

    public static string Sha256(string text) => Sha256(Encoding.UTF8.GetBytes(text));

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static async Task<JsonElement> OkJsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<JsonElement>(body);
    }

    /// <summary>Asserts the status and the problem-details shape, and returns the <c>errors</c> dictionary.</summary>
    public static async Task<Dictionary<string, string[]>> ProblemAsync(HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<JsonElement>(body);
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        return problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }
}
