using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.Contracts.Training;
using AdapterPipeline.LanguageModels.Adapters;
using AdapterPipeline.ServiceDefaults.Storage;
using AdapterPipeline.TestSupport;
using AdapterPipeline.TrainingWorker.Jobs;
using AdapterPipeline.TrainingWorker.Reports;
using AdapterPipeline.TrainingWorker.Training;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.TrainingWorker.Tests.Jobs;

/// <summary>
/// A collection that runs with no other test of the assembly beside it: a job queued behind other tests' runs for the
/// process-wide training lock would reach staging late.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StagingOutageCollection
{
    public const string Name = "staging outage";
}

/// <summary>
/// S3 behind a proxy the test takes down: the worker's finished adapter waits on local disk and is staged once S3 is
/// back; staging that meets the outage past its patience gives up naming it.
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

    // The staging step itself, without the trainer ahead of it: the job's run holds the process-wide training lock,
    // which leftovers of other tests in the process could keep it waiting for.
    [Fact]
    public async Task Should_fail_with_the_outage_as_the_reason_once_the_patience_is_spent()
    {
        proxy.TakeDown();
        var s3 = fixture.Infrastructure.S3Options;
        s3.ServiceUrl = proxy.Url.ToString();
        var staging = new AdapterStaging(new ObjectStore(StorageExtensions.CreateClient(s3), Options.Create(s3)), Options.Create(new TrainingJobOptions
        {
            StagingRetryFirstDelay = TimeSpan.FromMilliseconds(200),
            StagingRetryMaxDelay = TimeSpan.FromSeconds(1),
            StagingUploadPatience = TimeSpan.FromSeconds(5),
            StagingAttemptTimeout = TimeSpan.FromSeconds(2),
        }), TimeProvider.System, NullLogger<AdapterStaging>.Instance);
        var directory = Directory.CreateTempSubdirectory("staging-outage-").FullName;
        var files = new AdapterFiles(Path.Combine(directory, "adapter_config.json"), Path.Combine(directory, "adapter_model.safetensors"));
        await File.WriteAllTextAsync(files.AdapterConfigPath, "{}");
        await File.WriteAllBytesAsync(files.AdapterWeightsPath, new byte[64]);
        var job = TrainingWorkerFixture.Job(TrainingJobKind.Create, new TrainingHyperparameters(BaseModel: "tiny-gpt2", LoraR: 4));
        var manifest = TrainingManifests.Untrained(job.JobId, new TrainingRequest { BaseModel = "tiny-gpt2" }, TrainingJobMapping.UntrainedMetrics("cpu"));

        var failed = await Assert.ThrowsAsync<StagingUploadFailedException>(() =>
            staging.UploadAsync(TrainingWorkerFixture.Staging(job), files, manifest, lossCurve: null, CancellationToken.None));
        Directory.Delete(directory, recursive: true);

        Assert.StartsWith("the trained adapter could not be staged: S3 unreachable", failed.Message);
        Assert.True(proxy.Refused >= 2, $"{proxy.Refused} connections refused: the upload was not tried again");
        // What the job's TrainingFailed says.
        Assert.Equal(failed.Message, StartTrainingConsumer.Describe(failed));
    }
}
