using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Training;
using AdapterPipeline.TrainingWorker.Jobs;

namespace AdapterPipeline.TrainingWorker.Tests.Jobs;

public sealed class When_a_job_cannot_train(TrainingWorkerFixture fixture) : IClassFixture<TrainingWorkerFixture>
{
    [Fact]
    public async Task Should_fail_naming_a_file_that_changed_since_the_snapshot()
    {
        var good = await fixture.UploadTrainingFileAsync("good.txt", TrainingWorkerFixture.Corpus);
        var changed = await fixture.UploadTrainingFileAsync("changed.txt", TrainingWorkerFixture.Corpus);
        var job = TrainingWorkerFixture.Job(TrainingJobKind.Train, new TrainingHyperparameters(NumEpochs: 1, MaxSeqLength: 16),
            good, changed with { Sha256 = new string('0', 64) });

        await fixture.SendAsync(job);

        var failed = Assert.IsType<TrainingFailed>(await fixture.Events.WaitForEndAsync(job.JobId));
        Assert.Equal("training file changed.txt changed since the job was accepted", failed.Error);
        Assert.Empty(fixture.Events.Of<AdapterTrained>(job.JobId));
        Assert.Empty(await fixture.StagedFilesAsync(TrainingWorkerFixture.Staging(job)));
    }

    [Fact]
    public async Task Should_fail_with_the_trainers_reason_for_unusable_data_without_quoting_it()
    {
        var data = await fixture.UploadTrainingFileAsync("records.jsonl", """{"prompt": "secret words"}""" + "\n");
        var job = TrainingWorkerFixture.Job(TrainingJobKind.Train, new TrainingHyperparameters(NumEpochs: 1, MaxSeqLength: 16), data);

        await fixture.SendAsync(job);

        var failed = Assert.IsType<TrainingFailed>(await fixture.Events.WaitForEndAsync(job.JobId));
        Assert.Contains("records.jsonl", failed.Error);
        Assert.DoesNotContain("secret", failed.Error);
        Assert.Single(fixture.Events.Of<TrainingStarted>(job.JobId));
    }
}
