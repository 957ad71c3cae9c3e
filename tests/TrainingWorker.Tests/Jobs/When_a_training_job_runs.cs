using System.Text.Json;
using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.Contracts.Staging;
using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Training;
using AdapterPipeline.TrainingWorker.Jobs;

namespace AdapterPipeline.TrainingWorker.Tests.Jobs;

public sealed class When_a_training_job_runs(TrainingWorkerFixture fixture) : IClassFixture<TrainingWorkerFixture>
{
    private Task<StartTraining> RunAsync() => fixture.OnceAsync("train", async () =>
    {
        var text = await fixture.UploadTrainingFileAsync("notes.txt", string.Concat(Enumerable.Repeat(TrainingWorkerFixture.Corpus, 4)));
        var chat = await fixture.UploadTrainingFileAsync("chat.jsonl",
            """{"messages": [{"role": "user", "content": "Where is the cat?"}, {"role": "assistant", "content": "On the mat."}]}""" + "\n" +
            """{"text": "The dog sat in the fog by the log."}""" + "\n");
        var job = TrainingWorkerFixture.Job(TrainingJobKind.Train,
            new TrainingHyperparameters(NumEpochs: 1, BatchSize: 2, MaxSeqLength: 16, BaseModel: "tiny-llama"), text, chat);
        await fixture.SendAsync(job);
        await fixture.Events.WaitForEndAsync(job.JobId);
        return job;
    });

    [Fact]
    public async Task Should_publish_started_first_on_the_first_attempt()
    {
        var job = await RunAsync();

        var events = fixture.Events.For(job.JobId);
        var started = Assert.IsType<TrainingStarted>(events[0]);
        Assert.Equal(1, started.Attempt);
        Assert.Equal($"{Environment.MachineName}:{Environment.ProcessId}", started.Worker);
        Assert.StartsWith("cpu", started.Device);
    }

    [Fact]
    public async Task Should_report_progress_with_finite_losses_up_to_the_last_step()
    {
        var job = await RunAsync();

        var progress = fixture.Events.Of<TrainingProgressed>(job.JobId);
        Assert.NotEmpty(progress);
        Assert.All(progress, p => Assert.True(double.IsFinite(p.Loss) && p.Loss > 0, $"loss {p.Loss} at step {p.Step}"));
        Assert.Equal(progress.Select(p => p.Step).Order(), progress.Select(p => p.Step));
        Assert.Equal(progress[^1].TotalSteps, progress[^1].Step);
        Assert.Equal(1, progress[^1].Epoch);
    }

    [Fact]
    public async Task Should_publish_heartbeats_while_it_runs()
    {
        // A job that runs for minutes, so that a heartbeat is due whatever the machine's speed; cancelled once seen.
        var data = await fixture.UploadTrainingFileAsync("long.txt", string.Concat(Enumerable.Repeat(TrainingWorkerFixture.Corpus, 10)));
        var job = TrainingWorkerFixture.Job(TrainingJobKind.Train, new TrainingHyperparameters(NumEpochs: 100, BatchSize: 1, MaxSeqLength: 16), data);
        await fixture.SendAsync(job);

        var heartbeat = await fixture.Events.WaitForAsync<TrainingHeartbeat>(job.JobId);
        await fixture.Bus.Publish(new CancelTraining(job.JobId));
        Assert.IsType<TrainingCancelled>(await fixture.Events.WaitForEndAsync(job.JobId));

        Assert.Equal($"{Environment.MachineName}:{Environment.ProcessId}", heartbeat.Worker);
    }

    [Fact]
    public async Task Should_end_with_adapter_trained_carrying_the_metrics()
    {
        var job = await RunAsync();

        var events = fixture.Events.For(job.JobId);
        var ends = events.Where(e => e is AdapterTrained or TrainingFailed or TrainingCancelled).ToList();
        Assert.True(ends.Count == 1, $"one ending event, not {ends.Count}: {fixture.Events.Seen(job.JobId)}");
        var trained = Assert.IsType<AdapterTrained>(ends[0]);
        Assert.True(trained.Trained);
        Assert.Equal("tiny-llama", trained.BaseModel);
        Assert.NotNull(trained.Metrics);
        Assert.True(trained.Metrics.FinalTrainLoss is > 0 and < 100);
        Assert.Equal(fixture.Events.Of<TrainingProgressed>(job.JobId)[^1].Step, trained.Metrics.Steps);
        Assert.Equal("cpu", trained.Metrics.Device);
        Assert.True(trained.TrainingSeconds >= trained.Metrics.WallSeconds, $"{trained.TrainingSeconds} s on the job, {trained.Metrics.WallSeconds} s training");
        Assert.IsNotType<TrainingHeartbeat>(events[^1]);
    }

    [Fact]
    public async Task Should_stage_the_adapter_manifest_and_loss_curve()
    {
        var job = await RunAsync();

        Assert.Equal(["adapter_config.json", "adapter_model.safetensors", "loss_curve.png", "training_manifest.json"],
            await fixture.StagedFilesAsync(TrainingWorkerFixture.Staging(job)));
        using var config = await ReadJsonAsync(TrainingWorkerFixture.Staging(job) + "adapter_config.json");
        Assert.Equal("LORA", config.RootElement.GetProperty("peft_type").GetString());
        Assert.Equal("tiny-llama", config.RootElement.GetProperty("base_model_name_or_path").GetString());
        using var manifest = await ReadJsonAsync(TrainingWorkerFixture.Staging(job) + "training_manifest.json");
        Assert.Equal(16, manifest.RootElement.GetProperty("hyperparameters").GetProperty("max_seq_length").GetInt32());
        Assert.NotEmpty(manifest.RootElement.GetProperty("metrics").GetProperty("loss_curve").EnumerateArray());

        // The packaging worker reads it back as the contract record.
        var read = TrainingManifestJson.Read(JsonSerializer.SerializeToUtf8Bytes(manifest.RootElement));
        Assert.Equal(job.JobId, read.JobId);
        Assert.True(read.Trained);
        Assert.Equal(job.Files.Select(f => (f.FileName, f.Sha256)), read.TrainingFiles.Select(f => (f.FileName, f.Sha256)));
    }

    private async Task<JsonDocument> ReadJsonAsync(string key)
    {
        using var response = await fixture.Store.GetAsync(key, CancellationToken.None);
        Assert.NotNull(response);
        return await JsonDocument.ParseAsync(response.ResponseStream);
    }
}
