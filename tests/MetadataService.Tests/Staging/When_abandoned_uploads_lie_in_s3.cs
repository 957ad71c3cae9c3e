using AdapterPipeline.Domain.Validation;
using AdapterPipeline.MetadataService.Staging;
using AdapterPipeline.MetadataService.Tests.Jobs;
using AdapterPipeline.ServiceDefaults.Storage;
using AdapterPipeline.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.MetadataService.Tests.Staging;

/// <summary>The sweep on real S3: an abandoned upload goes; a young one and a job's staging stay.</summary>
public sealed class When_abandoned_uploads_lie_in_s3(SagaHarness harness) : IClassFixture<SagaHarness>
{
    private readonly ObjectStore store = harness.Services.GetRequiredService<ObjectStore>();

    [Fact]
    public async Task Should_delete_the_old_upload_and_keep_the_young_one_and_the_jobs_staging()
    {
        var (user, avatar, job) = ("u-sweep", "a-sweep", Guid.NewGuid());
        var jobFiles = new[] { StorageKeys.JobStaging(user, avatar, job) + "adapter_model.safetensors", StorageKeys.JobCheckpoint(user, avatar, job) };
        foreach (var key in jobFiles)
        {
            await PutAsync(key);
        }
        var old = StorageKeys.StagedUpload(user, avatar, "old");
        var young = StorageKeys.StagedUpload(user, avatar, "young");
        var oldAt = await PutAsync(old);
        // Written strictly later than the old one, as S3 counts time (whole seconds on some servers).
        await Eventually.Until(() => PutAsync(young), at => at > oldAt, TimeSpan.FromSeconds(10), "the young upload written after the old one");
        var sweeper = new StagingSweeper(store, Options.Create(new StagingSweepOptions()), Options.Create(new TrainingDataOptions()),
            TimeProvider.System, NullLogger<StagingSweeper>.Instance);

        var deleted = await sweeper.SweepAsync(oldAt + sweeper.Age, CancellationToken.None);

        Assert.Equal(1, deleted);
        Assert.Null(await store.HeadAsync(old, CancellationToken.None));
        Assert.NotNull(await store.HeadAsync(young, CancellationToken.None));
        foreach (var key in jobFiles)
        {
            Assert.NotNull(await store.HeadAsync(key, CancellationToken.None));
        }
    }

    /// <returns>The object's last modification, as a listing reports it.</returns>
    private async Task<DateTimeOffset> PutAsync(string key)
    {
        await store.PutAsync(key, "staged bytes"u8.ToArray(), "text/plain", CancellationToken.None);
        await foreach (var obj in store.ListAsync(key, CancellationToken.None))
        {
            if (obj.Key == key)
            {
                return obj.LastModified!.Value;
            }
        }
        throw new InvalidOperationException($"{key} was not listed after it was written.");
    }
}
