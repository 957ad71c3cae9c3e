using AdapterPipeline.MetadataService.Adapters;
using AdapterPipeline.MetadataService.Tests.Jobs;
using AdapterPipeline.ServiceDefaults.Storage;
using AdapterPipeline.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace AdapterPipeline.MetadataService.Tests.Adapters;

/// <summary>
/// S3 failed after an adapter change was committed: the follow-up makes the objects match the committed state.
/// </summary>
public sealed class When_adapter_objects_lag_the_committed_state(SagaHarness harness) : IClassFixture<SagaHarness>
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

        await harness.Harness.Bus.Publish(new MatchAdapterObjects("u1", "a-pointer"));

        await Eventually.True(async () => await PointedVersionAsync(store, pointerKey) == 2, TimeSpan.FromSeconds(20), "current.json naming version 2");
    }

    [Fact]
    public async Task Should_delete_the_zips_of_a_removed_adapter_but_not_one_awaiting_its_record()
    {
        var store = harness.Services.GetRequiredService<ObjectStore>();
        var writer = harness.Services.GetRequiredService<AvatarAdapterWriter>();
        var now = DateTimeOffset.UtcNow;
        foreach (var version in new[] { 1, 2 })
        {
            await writer.ChangeAsync("u1", "a-removed", "test", _ =>
            [
                new AdapterVersionRecorded(Guid.NewGuid(), "default", version, true, "tiny-llama",
                    StorageKeys.AdapterVersion("u1", "a-removed", "default", version), new string('a', 64), 10, null, now),
            ], CancellationToken.None);
        }
        await writer.ChangeAsync("u1", "a-removed", "test", _ => [new AdapterRemoved("default", 3, null, now)], CancellationToken.None);
        // As if S3 had failed during the removal's deletes; version 3 is a job's ZIP that is not recorded yet.
        var keys = new[] { 1, 2, 3 }.Select(v => StorageKeys.AdapterVersion("u1", "a-removed", "default", v)).ToArray();
        foreach (var key in keys)
        {
            await store.PutAsync(key, "zip"u8.ToArray(), "application/zip", CancellationToken.None);
        }
        var pointerKey = StorageKeys.AdapterPointer("u1", "a-removed", "default");
        await store.PutAsync(pointerKey, """{"version": 2}"""u8.ToArray(), "application/json", CancellationToken.None);

        await harness.Harness.Bus.Publish(new MatchAdapterObjects("u1", "a-removed"));

        await Eventually.True(async () => await store.HeadAsync(pointerKey, CancellationToken.None) is null, TimeSpan.FromSeconds(20), "current.json deleted");
        Assert.Null(await store.HeadAsync(keys[0], CancellationToken.None));
        Assert.Null(await store.HeadAsync(keys[1], CancellationToken.None));
        Assert.NotNull(await store.HeadAsync(keys[2], CancellationToken.None));
    }

    [Theory]
    [InlineData("v12.zip", 12)]
    [InlineData("current.json", null)]
    [InlineData("v.zip", null)]
    [InlineData("v-1.zip", null)]
    [InlineData("v3.zip.tmp", null)]
    public void Should_read_versions_only_from_version_keys(string name, int? expected) =>
        Assert.Equal(expected, AdapterObjects.VersionOf("p/", "p/" + name));

    private static async Task<int?> PointedVersionAsync(ObjectStore store, string key) =>
        (await WholeObjectReads.JsonAsync(store, key))?.GetProperty("version").GetInt32();
}
