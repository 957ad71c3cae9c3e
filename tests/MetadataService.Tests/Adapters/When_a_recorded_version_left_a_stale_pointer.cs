using System.Text.Json;
using AdapterPipeline.MetadataService.Adapters;
using AdapterPipeline.MetadataService.Tests.Jobs;
using AdapterPipeline.ServiceDefaults.Storage;
using AdapterPipeline.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace AdapterPipeline.MetadataService.Tests.Adapters;

/// <summary>
/// A version became current but S3 failed before current.json was rewritten: the follow-up writes the pointer from the
/// committed state.
/// </summary>
public sealed class When_a_recorded_version_left_a_stale_pointer(SagaHarness harness) : IClassFixture<SagaHarness>
{
    [Fact]
    public async Task Should_rewrite_current_json_from_the_committed_state()
    {
        var store = harness.Services.GetRequiredService<ObjectStore>();
        var writer = harness.Services.GetRequiredService<AvatarAdapterWriter>();
        var now = DateTimeOffset.UtcNow;
        foreach (var version in new[] { 1, 2 })
        {
            await writer.ChangeAsync("u1", "a-pointer", "test", _ =>
            [
                new AdapterVersionRecorded(Guid.NewGuid(), "default", version, true, "tiny-llama",
                    StorageKeys.AdapterVersion("u1", "a-pointer", "default", version), new string('a', 64), 10, null, now),
            ], CancellationToken.None);
        }
        // current.json still names version 1, as if S3 failed when version 2 became current.
        var pointerKey = StorageKeys.AdapterPointer("u1", "a-pointer", "default");
        await store.PutAsync(pointerKey, """{"version": 1}"""u8.ToArray(), "application/json", CancellationToken.None);

        await harness.Harness.Bus.Publish(new RewriteAdapterPointer("u1", "a-pointer"));

        await Eventually.True(async () => await PointedVersionAsync(store, pointerKey) == 2, TimeSpan.FromSeconds(20), "current.json naming version 2");
    }

    private static async Task<int?> PointedVersionAsync(ObjectStore store, string key)
    {
        try
        {
            using var pointer = await store.GetAsync(key, CancellationToken.None);
            if (pointer is null)
            {
                return null;
            }
            using var json = await JsonDocument.ParseAsync(pointer.ResponseStream);
            return json.RootElement.GetProperty("version").GetInt32();
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            // s3rver rewrites an object in place, so a read racing the rewrite can end early (S3 replaces it atomically).
            return null;
        }
    }
}
