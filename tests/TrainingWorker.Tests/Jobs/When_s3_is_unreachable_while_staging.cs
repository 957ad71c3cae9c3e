using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.Contracts.Training;
using AdapterPipeline.TestSupport;

namespace AdapterPipeline.TrainingWorker.Tests.Jobs;

/// <summary>
/// A collection that runs with no other test of the assembly beside it: the patience is counted from the first staging
/// attempt, and a job queued behind other tests' runs for the process-wide training lock would blow the test's bound.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StagingOutageCollection
{
    public const string Name = "staging outage";
}

/// <summary>
/// The worker reaches S3 through a proxy the test takes down: the finished adapter waits on local disk and is
/// staged once S3 is back, or the job fails naming the outage once the patience is spent.
/// </summary>
[Collection(StagingOutageCollection.Name)]
public sealed class When_s3_is_unreachable_while_staging(TrainingWorkerFixture fixture) : IClassFixture<TrainingWorkerFixture>, IAsyncLifetime
{
    private SwitchableTcpProxy proxy = null!;

    public async Task InitializeAsync()
    {
        proxy = new SwitchableTcpProxy(new Uri(fixture.Infrastructure.Endpoints.S3ServiceUrl));
        await fixture.Worker.StopAsync();
        fixture.Worker.Dispose();
        fixture.Worker = await fixture.StartWorkerAsync(new Dictionary<string, string?>
        {
            ["S3:ServiceUrl"] = proxy.Url.ToString(),
            ["Training:StagingRetryFirstDelay"] = "00:00:00.2",
            ["Training:StagingRetryMaxDelay"] = "00:00:01",
            ["Training:StagingUploadPatience"] = "00:00:20",
            ["Training:StagingAttemptTimeout"] = "00:00:05",
        });
    }

    public async Task DisposeAsync() => await proxy.DisposeAsync();

    [Fact]
    public async Task Should_stage_the_adapter_once_s3_is_back()
    {
        proxy.TakeDown();
        var job = TrainingWorkerFixture.Job(TrainingJobKind.Create, new TrainingHyperparameters(BaseModel: "tiny-gpt2", LoraR: 4));
        await fixture.SendAsync(job);

        // Several staging attempts meet the outage before S3 comes back.
        await Eventually.True(() => Task.FromResult(proxy.Refused >= 5), JobEvents.Patience, "staging attempts refused while S3 is down");
        Assert.Empty(fixture.Events.Of<TrainingFailed>(job.JobId));
        proxy.BringBack();

        Assert.IsType<AdapterTrained>(await fixture.Events.WaitForEndAsync(job.JobId));
        Assert.Equal(["adapter_config.json", "adapter_model.safetensors", "training_manifest.json"],
            await fixture.StagedFilesAsync(TrainingWorkerFixture.Staging(job)));
    }

    [Fact]
    public async Task Should_fail_with_the_outage_as_the_reason_once_the_patience_is_spent()
    {
        proxy.TakeDown();
        var job = TrainingWorkerFixture.Job(TrainingJobKind.Create, new TrainingHyperparameters(BaseModel: "tiny-gpt2", LoraR: 4));
        await fixture.SendAsync(job);

        // The patience (20 s) plus at most one attempt (5 s) and the last wait; the bound leaves room for a loaded machine.
        var failed = await fixture.Events.WaitForAsync<TrainingFailed>(job.JobId, timeout: TimeSpan.FromMinutes(3));
        proxy.BringBack();
        Assert.StartsWith("the trained adapter could not be staged: S3 unreachable", failed.Error);
        Assert.Empty(fixture.Events.Of<AdapterTrained>(job.JobId));
    }
}
