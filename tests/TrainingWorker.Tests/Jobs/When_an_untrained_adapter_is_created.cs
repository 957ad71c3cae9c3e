using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Training;
using AdapterPipeline.TrainingWorker.Jobs;

namespace AdapterPipeline.TrainingWorker.Tests.Jobs;

public sealed class When_an_untrained_adapter_is_created(TrainingWorkerFixture fixture) : IClassFixture<TrainingWorkerFixture>
{
    private Task<StartTraining> RunAsync() => fixture.OnceAsync("create", async () =>
    {
        var job = TrainingWorkerFixture.Job(StartTrainingConsumer.KindCreate, new TrainingHyperparameters(BaseModel: "tiny-gpt2", LoraR: 4));
        await fixture.SendAsync(job);
        await fixture.Events.WaitForEndAsync(job.JobId);
        return job;
    });

    [Fact]
    public async Task Should_publish_adapter_trained_as_untrained_without_metrics()
    {
        var job = await RunAsync();

        var trained = await fixture.Events.WaitForAsync<AdapterTrained>(job.JobId);
        Assert.False(trained.Trained);
        Assert.Null(trained.Metrics);
        Assert.Equal("tiny-gpt2", trained.BaseModel);
        Assert.Empty(fixture.Events.Of<TrainingProgressed>(job.JobId));
        Assert.NotEmpty(fixture.Events.Of<TrainingStarted>(job.JobId));
        // One result, even when the broker delivered the job twice (seen once under load, cause not yet known).
        Assert.Single(fixture.Events.Of<AdapterTrained>(job.JobId));
    }

    [Fact]
    public async Task Should_stage_the_adapter_and_manifest_but_no_loss_curve()
    {
        var job = await RunAsync();

        Assert.Equal(["adapter_config.json", "adapter_model.safetensors", "training_manifest.json"], await fixture.StagedFilesAsync(job.StagingPrefix));
    }
}
