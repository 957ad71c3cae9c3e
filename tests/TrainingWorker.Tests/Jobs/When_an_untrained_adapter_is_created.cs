using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.Contracts.Staging;
using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Training;
using AdapterPipeline.TrainingWorker.Jobs;

namespace AdapterPipeline.TrainingWorker.Tests.Jobs;

public sealed class When_an_untrained_adapter_is_created(TrainingWorkerFixture fixture) : IClassFixture<TrainingWorkerFixture>
{
    private Task<StartTraining> RunAsync() => fixture.OnceAsync("create", async () =>
    {
        var job = TrainingWorkerFixture.Job(TrainingJobKind.Create, new TrainingHyperparameters(BaseModel: "tiny-gpt2", LoraR: 4));
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

        Assert.Equal(["adapter_config.json", "adapter_model.safetensors", "training_manifest.json"], await fixture.StagedFilesAsync(TrainingWorkerFixture.Staging(job)));
        using var response = await fixture.Store.GetAsync(TrainingWorkerFixture.Staging(job) + StagedAdapterFiles.Manifest, CancellationToken.None);
        using var bytes = new MemoryStream();
        await response!.ResponseStream.CopyToAsync(bytes);
        var manifest = TrainingManifestJson.Read(bytes.ToArray());
        Assert.False(manifest.Trained);
        Assert.Equal(job.JobId, manifest.JobId);
        Assert.Equal(0, manifest.Metrics.TotalSteps);
        Assert.Equal(4, manifest.Hyperparameters["lora_r"].GetInt32());
    }
}
