using System.Net.Http.Json;
using System.Text.Json;
using AdapterPipeline.Contracts.TrainingData;
using AdapterPipeline.Ingress.Identity;
using AdapterPipeline.Ingress.Tests.TrainingData;
using AdapterPipeline.TestSupport;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AdapterPipeline.Ingress.Tests.Identity;

/// <summary>Every event in an avatar's history names who caused it: a key id, never the key; <c>bus</c> for a command published without one.</summary>
[Collection(IdentityCollection.Name)]
public sealed class When_an_avatar_records_who_acted(IdentitySystem system)
{
    private readonly string userId = "u-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Should_name_the_key_id_for_api_changes_and_bus_for_published_commands()
    {
        var (keyId, key) = await system.IssueKeyAsync(userId);
        using var user = system.Ingress.CreateClientWith(key);
        using var uploaded = await user.PostAsync($"/training-data/{userId}/a1/upload", Avatar.Files(("a.txt", "a"), ("b.txt", "b")));
        await Avatar.OkJsonAsync(uploaded);
        using var flagged = await system.Admin.PutAsJsonAsync($"/training-data/{userId}/a1/a.txt/training-flag", new { use_for_training = false });
        await Avatar.OkJsonAsync(flagged);

        await system.Ingress.Services.GetRequiredService<IBus>().Publish(new RemoveTrainingFile(userId, "a1", "b.txt"));

        var history = await HistoryWhenAsync(events => events.Count == 4);
        Assert.Equal(new[] { keyId, keyId, ApiKeyVerifier.BootstrapKeyId, "bus" }, history.Select(e => e.GetProperty("acted_by").GetString()));
        Assert.DoesNotContain(key, string.Join("\n", history.Select(e => e.GetRawText())));
    }

    private Task<List<JsonElement>> HistoryWhenAsync(Func<List<JsonElement>, bool> done) =>
        Eventually.Until(async () =>
        {
            using var response = await system.Admin.GetAsync($"/avatars/{userId}/a1/history");
            return (await Avatar.OkJsonAsync(response)).GetProperty("events").EnumerateArray().ToList();
        }, done, TimeSpan.FromSeconds(20), "the published command's event", events => $"{events.Count} events");
}
