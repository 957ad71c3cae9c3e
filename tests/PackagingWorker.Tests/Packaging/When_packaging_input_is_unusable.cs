using AdapterPipeline.Contracts.Packaging;
using AdapterPipeline.PackagingWorker.Packaging;
using AdapterPipeline.ServiceDefaults.Storage;

namespace AdapterPipeline.PackagingWorker.Tests.Packaging;

public sealed class When_packaging_input_is_unusable(PackagingWorkerSystem system) : IClassFixture<PackagingWorkerSystem>
{
    [Theory]
    [InlineData(AdapterFileNames.Config)]
    [InlineData(AdapterFileNames.Weights)]
    [InlineData(AdapterFileNames.Manifest)]
    public async Task Should_fail_the_job_when_a_staged_file_is_missing(string missing)
    {
        var job = PackagingWorkerSystem.NewJob();
        await StagedAdapter.Trained().StageAsync(system.Store, job.StagingPrefix, except: missing);

        await system.PublishAsync(job);
        var failed = (await system.Outcomes.WaitForAsync<PackagingFailed>(job.JobId))[0];

        Assert.Equal($"Staged file {missing} is missing.", failed.Error);
        await AssertNothingStoredAsync(job);
        Assert.Equal(3, (await system.KeysUnderAsync(job.StagingPrefix)).Count);
    }

    [Fact]
    public async Task Should_fail_the_job_when_the_manifest_is_not_json()
    {
        var job = PackagingWorkerSystem.NewJob();
        await (StagedAdapter.Trained() with { Manifest = "{ not json"u8.ToArray() }).StageAsync(system.Store, job.StagingPrefix);

        await system.PublishAsync(job);
        var failed = (await system.Outcomes.WaitForAsync<PackagingFailed>(job.JobId))[0];

        Assert.Equal("training_manifest.json is not valid JSON.", failed.Error);
        await AssertNothingStoredAsync(job);
    }

    [Fact]
    public async Task Should_fail_the_job_and_keep_the_stored_zip_when_another_job_holds_the_version()
    {
        var first = PackagingWorkerSystem.NewJob();
        await StagedAdapter.Trained().StageAsync(system.Store, first.StagingPrefix);
        await system.PublishAsync(first);
        var stored = (await system.Outcomes.WaitForAsync<AdapterPackaged>(first.JobId))[0];

        var second = first with { JobId = Guid.NewGuid(), StagingPrefix = StorageKeys.JobStaging(first.UserId, first.AvatarId, Guid.NewGuid()) };
        await StagedAdapter.Untrained().StageAsync(system.Store, second.StagingPrefix);
        await system.PublishAsync(second);
        var failed = (await system.Outcomes.WaitForAsync<PackagingFailed>(second.JobId))[0];

        Assert.Equal("Version 1 of this adapter is already stored by another job.", failed.Error);
        var head = await system.Store.HeadAsync(stored.Key, CancellationToken.None);
        Assert.Equal(first.JobId.ToString("N"), head!.Metadata[AdapterPackager.JobIdMetadata]);
        Assert.Equal(stored.SizeBytes, head.ContentLength);
    }

    [Fact]
    public async Task Should_fail_the_job_and_delete_nothing_when_the_staging_prefix_is_outside_the_avatars_staging()
    {
        var job = PackagingWorkerSystem.NewJob() is var j ? j with { StagingPrefix = StorageKeys.Avatar(j.UserId, j.AvatarId) } : null!;
        await StagedAdapter.Trained().StageAsync(system.Store, job.StagingPrefix);

        await system.PublishAsync(job);
        var failed = (await system.Outcomes.WaitForAsync<PackagingFailed>(job.JobId))[0];

        Assert.Equal("The staging prefix is not a job folder inside the avatar's staging area.", failed.Error);
        Assert.Equal(4, (await system.KeysUnderAsync(job.StagingPrefix)).Count);
    }

    private async Task AssertNothingStoredAsync(PackageAdapter job)
    {
        Assert.Empty(system.Outcomes.For(job.JobId).OfType<AdapterPackaged>());
        Assert.Null(await system.Store.HeadAsync(StorageKeys.AdapterVersion(job.UserId, job.AvatarId, job.AdapterName, job.Version), CancellationToken.None));
    }
}
