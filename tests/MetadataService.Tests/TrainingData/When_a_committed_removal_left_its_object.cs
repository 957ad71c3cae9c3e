using System.Text;
using AdapterPipeline.MetadataService.Tests.Jobs;
using AdapterPipeline.MetadataService.TrainingData;
using AdapterPipeline.ServiceDefaults.Storage;
using AdapterPipeline.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace AdapterPipeline.MetadataService.Tests.TrainingData;

/// <summary>
/// The record of a file was removed but S3 failed before its object was deleted: the follow-up removal deletes the
/// object (never one whose name was recorded again) and rewrites metadata.json.
/// </summary>
public sealed class When_a_committed_removal_left_its_object(SagaHarness harness) : IClassFixture<SagaHarness>
{
    [Fact]
    public async Task Should_delete_the_object_and_leave_a_recorded_name_alone()
    {
        var store = harness.Services.GetRequiredService<ObjectStore>();
        var writer = harness.Services.GetRequiredService<AvatarTrainingDataWriter>();
        var now = DateTimeOffset.UtcNow;
        foreach (var name in new[] { "gone.txt", "kept.txt" })
        {
            var stored = await store.UploadAsync(StorageKeys.TrainingFile("u1", "a-removal", name), new MemoryStream(Encoding.UTF8.GetBytes(name)),
                "text/plain", CancellationToken.None);
            await writer.ChangeAsync("u1", "a-removal", "test",
                _ => [new TrainingFileUploaded("u1", "a-removal", name, stored.SizeBytes, stored.Sha256, "text/plain", true, now)], CancellationToken.None);
        }
        // The removal committed; S3 failed before the object was deleted.
        await writer.ChangeAsync("u1", "a-removal", "test", _ => [new TrainingFileDeleted("gone.txt", now)], CancellationToken.None);

        await harness.Harness.Bus.Publish(new RemoveUnrecordedObjects("u1", "a-removal", ["gone.txt", "kept.txt"]));

        await Eventually.True(async () => await store.HeadAsync(StorageKeys.TrainingFile("u1", "a-removal", "gone.txt"), CancellationToken.None) is null,
            TimeSpan.FromSeconds(20), "the removed file's object deleted");
        Assert.NotNull(await store.HeadAsync(StorageKeys.TrainingFile("u1", "a-removal", "kept.txt"), CancellationToken.None));
        // Still being rewritten after the delete: waited for, and read whole.
        var json = await Eventually.Until(() => WholeObjectReads.TextAsync(store, StorageKeys.Metadata("u1", "a-removal")),
            j => j is not null && j.TrimEnd().EndsWith('}'), TimeSpan.FromSeconds(20), "metadata.json read whole");
        Assert.Contains("kept.txt", json);
        Assert.DoesNotContain("gone.txt", json);
    }
}
