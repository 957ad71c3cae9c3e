using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Training;
using AdapterPipeline.TestSupport;
using AdapterPipeline.TrainingWorker.Jobs;

namespace AdapterPipeline.TrainingWorker.Tests.Jobs;

public sealed class When_a_job_is_cancelled(TrainingWorkerFixture fixture) : IClassFixture<TrainingWorkerFixture>
{
    /// <summary>Long enough to run for many seconds unless stopped.</summary>
    private static readonly TrainingHyperparameters LongRun = new(NumEpochs: 100, BatchSize: 1, MaxSeqLength: 16);

    [Fact]
    public async Task Should_stop_a_running_job_and_report_it_cancelled()
    {
        var data = await fixture.UploadTrainingFileAsync("long.txt", string.Concat(Enumerable.Repeat(TrainingWorkerFixture.Corpus, 10)));
        var job = TrainingWorkerFixture.Job(TrainingJobKind.Train, LongRun, data);
        await fixture.SendAsync(job);
        var progressed = await fixture.Events.WaitForAsync<TrainingProgressed>(job.JobId);

        await fixture.Bus.Publish(new CancelTraining(job.JobId));

        Assert.IsType<TrainingCancelled>(await fixture.Events.WaitForEndAsync(job.JobId));
        Assert.True(progressed.Step < progressed.TotalSteps);
        Assert.Empty(fixture.Events.Of<AdapterTrained>(job.JobId));
        Assert.Empty(fixture.Events.Of<TrainingFailed>(job.JobId));
        Assert.Empty(await fixture.StagedFilesAsync(TrainingWorkerFixture.Staging(job)));
    }

    [Fact]
    public async Task Should_skip_a_job_cancelled_before_it_arrived()
    {
        var data = await fixture.UploadTrainingFileAsync("queued.txt", TrainingWorkerFixture.Corpus);
        var job = TrainingWorkerFixture.Job(TrainingJobKind.Train, LongRun, data);
        await fixture.Bus.Publish(new CancelTraining(job.JobId));
        await WaitUntilCancelHeardAsync(job.JobId);

        await fixture.SendAsync(job);

        Assert.IsType<TrainingCancelled>(await fixture.Events.WaitForEndAsync(job.JobId));
        Assert.Empty(fixture.Events.Of<TrainingStarted>(job.JobId));
    }

    private async Task WaitUntilCancelHeardAsync(Guid jobId)
    {
        var jobs = (RunningTrainingJobs)fixture.Worker.Services.GetService(typeof(RunningTrainingJobs))!;
        await Eventually.True(() => Task.FromResult(jobs.WasCancelled(jobId)), TimeSpan.FromSeconds(10), "the worker's receipt of the cancel");
    }
}
