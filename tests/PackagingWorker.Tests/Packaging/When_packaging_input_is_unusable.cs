using AdapterPipeline.Contracts.Staging;
using AdapterPipeline.Contracts.Packaging;
using AdapterPipeline.PackagingWorker.Packaging;
using AdapterPipeline.ServiceDefaults.Storage;

namespace AdapterPipeline.PackagingWorker.Tests.Packaging;

public sealed class When_packaging_input_is_unusable(PackagingWorkerSystem system) : IClassFixture<PackagingWorkerSystem>
{
    [Theory]
    [InlineData(StagedAdapterFiles.Config)]
    [InlineData(StagedAdapterFiles.Weights)]
    [InlineData(StagedAdapterFiles.Manifest)]
    public async Task Should_fail_the_job_when_a_staged_file_is_missing(string missing)
    {
        var job = PackagingWorkerSystem.NewJob();
        await StagedAdapter.Trained().StageAsync(system.Store, PackagingWorkerSystem.Staging(job), except: missing);

        await system.PublishAsync(job);
        var failed = (await system.Outcomes.WaitForAsync<PackagingFailed>(job.JobId))[0];

        Assert.Equal($"Staged file {missing} is missing.", failed.Error);
        await AssertNothingStoredAsync(job);
        Assert.Equal(3, (await system.KeysUnderAsync(PackagingWorkerSystem.Staging(job))).Count);
    }

    [Fact]
    public async Task Should_fail_the_job_and_keep_the_stored_zip_when_another_job_holds_the_version()
    {
        var first = PackagingWorkerSystem.NewJob();
        await StagedAdapter.Trained().StageAsync(system.Store, PackagingWorkerSystem.Staging(first));
        await system.PublishAsync(first);
        var stored = (await system.Outcomes.WaitForAsync<AdapterPackaged>(first.JobId))[0];

        var second = first with { JobId = Guid.NewGuid() };
        await StagedAdapter.Untrained().StageAsync(system.Store, PackagingWorkerSystem.Staging(second));
        await system.PublishAsync(second);
        var failed = (await system.Outcomes.WaitForAsync<PackagingFailed>(second.JobId))[0];

        Assert.Equal("Version 1 of this adapter is already stored by another job.", failed.Error);
        var head = await system.Store.HeadAsync(stored.Key, CancellationToken.None);
        Assert.Equal(first.JobId.ToString("N"), head!.Metadata[AdapterZipMetadata.JobId]);
        Assert.Equal(stored.SizeBytes, head.ContentLength);
    }

    [Fact]
    public async Task Should_replace_an_object_no_job_wrote_at_the_versions_key()
    {
        var job = PackagingWorkerSystem.NewJob();
        var key = StorageKeys.AdapterVersion(job.UserId, job.AvatarId, job.AdapterName, job.Version);
        // What an upload cut off midway can leave on some S3 servers: bytes, but none of the metadata every ZIP is stored with.
        await system.Store.PutAsync(key, new byte[100], "application/zip", CancellationToken.None);
        await StagedAdapter.Trained().StageAsync(system.Store, PackagingWorkerSystem.Staging(job));

        await system.PublishAsync(job);
        var packaged = (await system.Outcomes.WaitForAsync<AdapterPackaged>(job.JobId))[0];

        var head = await system.Store.HeadAsync(key, CancellationToken.None);
        Assert.Equal(job.JobId.ToString("N"), head!.Metadata[AdapterZipMetadata.JobId]);
        Assert.Equal(packaged.SizeBytes, head.ContentLength);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("{}")]
    [InlineData("""{"job_id": "6f1d0c7e2a8b4d5f9e3c1a2b3c4d5e6f", "trained": true}""")]
    public async Task Should_fail_the_job_when_the_manifest_is_not_a_training_manifest(string manifest)
    {
        var job = PackagingWorkerSystem.NewJob();
        await (StagedAdapter.Trained() with { Manifest = System.Text.Encoding.UTF8.GetBytes(manifest) }).StageAsync(system.Store, PackagingWorkerSystem.Staging(job));

        await system.PublishAsync(job);
        var failed = (await system.Outcomes.WaitForAsync<PackagingFailed>(job.JobId))[0];

        Assert.Equal("training_manifest.json is not a training manifest.", failed.Error);
        await AssertNothingStoredAsync(job);
        Assert.Equal(4, (await system.KeysUnderAsync(PackagingWorkerSystem.Staging(job))).Count);
    }

    private async Task AssertNothingStoredAsync(PackageAdapter job)
    {
        Assert.Empty(system.Outcomes.For(job.JobId).OfType<AdapterPackaged>());
        Assert.Null(await system.Store.HeadAsync(StorageKeys.AdapterVersion(job.UserId, job.AvatarId, job.AdapterName, job.Version), CancellationToken.None));
    }
}
