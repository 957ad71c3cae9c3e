using AdapterPipeline.Contracts.Packaging;
using AdapterPipeline.ServiceDefaults.Storage;

namespace AdapterPipeline.PackagingWorker.Tests.Packaging;

public sealed class When_the_same_job_is_delivered_again(PackagingWorkerSystem system) : IClassFixture<PackagingWorkerSystem>
{
    [Fact]
    public async Task Should_answer_again_from_the_stored_zip_after_staging_is_gone()
    {
        var job = PackagingWorkerSystem.NewJob();
        await StagedAdapter.Trained().StageAsync(system.Store, PackagingWorkerSystem.Staging(job));
        await system.PublishAsync(job);
        var first = (await system.Outcomes.WaitForAsync<AdapterPackaged>(job.JobId))[0];
        Assert.Empty(await system.KeysLeftUnderAsync(PackagingWorkerSystem.Staging(job)));

        await system.PublishAsync(job);
        var answers = await system.Outcomes.WaitForAsync<AdapterPackaged>(job.JobId, count: 2);

        Assert.Equal((first.Key, first.Sha256, first.SizeBytes), (answers[1].Key, answers[1].Sha256, answers[1].SizeBytes));
        await AssertOneZipAsync(job);
        Assert.Empty(system.Outcomes.For(job.JobId).OfType<PackagingFailed>());
    }

    [Fact]
    public async Task Should_answer_both_of_two_concurrent_deliveries_with_one_zip()
    {
        var job = PackagingWorkerSystem.NewJob();
        await StagedAdapter.Trained(weightsBytes: 2 * 1024 * 1024).StageAsync(system.Store, PackagingWorkerSystem.Staging(job));

        await Task.WhenAll(system.PublishAsync(job), system.PublishAsync(job));
        var answers = await system.Outcomes.WaitForAsync<AdapterPackaged>(job.JobId, count: 2);

        Assert.Equal(answers[0].Sha256, answers[1].Sha256);
        await AssertOneZipAsync(job);
        Assert.Empty(system.Outcomes.For(job.JobId).OfType<PackagingFailed>());
        Assert.Empty(await system.KeysLeftUnderAsync(PackagingWorkerSystem.Staging(job)));
    }

    [Fact]
    public async Task Should_rebuild_a_byte_identical_zip_when_the_earlier_one_was_never_stored()
    {
        var job = PackagingWorkerSystem.NewJob();
        var staged = StagedAdapter.Trained();
        await staged.StageAsync(system.Store, PackagingWorkerSystem.Staging(job));
        await system.PublishAsync(job);
        var first = (await system.Outcomes.WaitForAsync<AdapterPackaged>(job.JobId))[0];
        Assert.Empty(await system.KeysLeftUnderAsync(PackagingWorkerSystem.Staging(job)));
        await system.Store.DeleteAsync(first.Key, CancellationToken.None);
        await Task.Delay(2100); // past the ZIP format's two-second time resolution

        await staged.StageAsync(system.Store, PackagingWorkerSystem.Staging(job));
        await system.PublishAsync(job);
        var answers = await system.Outcomes.WaitForAsync<AdapterPackaged>(job.JobId, count: 2);

        Assert.Equal(first.Sha256, answers[1].Sha256);
        Assert.NotNull(await system.Store.HeadAsync(first.Key, CancellationToken.None));
    }

    private async Task AssertOneZipAsync(PackageAdapter job) =>
        Assert.Equal([StorageKeys.AdapterVersion(job.UserId, job.AvatarId, job.AdapterName, job.Version)],
            await system.KeysUnderAsync(StorageKeys.AdapterPrefix(job.UserId, job.AvatarId, job.AdapterName)));
}
