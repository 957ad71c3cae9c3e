using System.ClientModel;
using System.Net;
using System.Text.Json;
using AdapterPipeline.MetadataService.Adapters;
using AdapterPipeline.MetadataService.Avatars;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using OpenAI.Models;

namespace AdapterPipeline.InferenceWorker.Tests.Api;

/// <summary>
/// GET /v1/models: the served bases, then the avatars of one user with a current version, as the metadata service's
/// adapter read model has them; for a service key, those of ?user_id= only.
/// </summary>
public sealed class When_models_are_listed(InferenceSystem system) : IClassFixture<InferenceSystem>, IAsyncLifetime
{
    private static readonly DateTimeOffset RecordedAt = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);
    private readonly string userId = "lister-" + Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync()
    {
        // Given what the metadata service records when versions are packaged and an adapter is deleted.
        var store = system.Metadata.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.LightweightSession();
        session.Events.Append(AvatarStreams.Id(userId, "alpha"), Recorded(2));
        session.Events.Append(AvatarStreams.Id(userId, "gone"), Recorded(1), new AdapterRemoved("default", 1, null, RecordedAt.AddHours(1)));
        session.Events.Append(AvatarStreams.Id("someone-else", "gamma"), Recorded(1));
        await session.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Should_list_the_bases_and_the_users_avatars_with_a_current_version()
    {
        using var user = system.Ingress.CreateClientWith(await system.UserKeyAsync(userId));

        var models = await ListAsync(user, "/v1/models");

        Assert.Contains(models, m => m.GetProperty("id").GetString() == InferenceSystem.Base);
        var alpha = Assert.Single(models, m => m.GetProperty("id").GetString()!.Contains('/'));
        Assert.Equal($"{userId}/alpha", alpha.GetProperty("id").GetString());
        Assert.Equal("model", alpha.GetProperty("object").GetString());
        Assert.Equal(userId, alpha.GetProperty("owned_by").GetString());
        Assert.Equal(RecordedAt.ToUnixTimeSeconds(), alpha.GetProperty("created").GetInt64());
    }

    [Fact]
    public async Task Should_answer_the_openai_sdks_model_client()
    {
        var key = await system.UserKeyAsync(userId);
        var client = new OpenAIModelClient(new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri(system.IngressAddress, "/v1") });

        OpenAIModelCollection models = await client.GetModelsAsync();

        Assert.Contains(models, m => m.Id == InferenceSystem.Base);
        var alpha = Assert.Single(models, m => m.Id == $"{userId}/alpha");
        Assert.Equal(userId, alpha.OwnedBy);
        Assert.Equal(RecordedAt, alpha.CreatedAt);
    }

    [Fact]
    public async Task Should_list_a_named_users_avatars_for_a_service_key_and_only_bases_otherwise()
    {
        var named = await ListAsync(system.Http, $"/v1/models?user_id={userId}");
        var unnamed = await ListAsync(system.Http, "/v1/models");
        using var other = system.Ingress.CreateClientWith(await system.UserKeyAsync("someone-else"));
        using var foreign = await other.GetAsync($"/v1/models?user_id={userId}");

        Assert.Contains(named, m => m.GetProperty("id").GetString() == $"{userId}/alpha");
        Assert.DoesNotContain(unnamed, m => m.GetProperty("id").GetString()!.Contains('/'));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
    }

    private static AdapterVersionRecorded Recorded(int version) =>
        new(Guid.NewGuid(), "default", version, true, InferenceSystem.Base, $"k/v{version}.zip", new string('0', 64), 1, null, RecordedAt);

    private static async Task<List<JsonElement>> ListAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        using var json = JsonDocument.Parse(text);
        Assert.Equal("list", json.RootElement.GetProperty("object").GetString());
        return json.RootElement.GetProperty("data").EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
