using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Training;
using AdapterPipeline.TrainingWorker.Jobs;

namespace AdapterPipeline.TrainingWorker.Tests.Jobs;

public sealed class When_the_worker_stops_mid_job(TrainingWorkerFixture fixture) : IClassFixture<TrainingWorkerFixture>
{
    [Fact]
    public async Task Should_hand_the_job_back_for_another_worker_to_start_afresh()
    {
        var data = await fixture.UploadTrainingFileAsync("long.txt", string.Concat(Enumerable.Repeat(TrainingWorkerFixture.Corpus, 10)));
        var job = TrainingWorkerFixture.Job(TrainingJobKind.Train, new TrainingHyperparameters(NumEpochs: 100, BatchSize: 1, MaxSeqLength: 16), data);
        await fixture.SendAsync(job);
        await fixture.Events.WaitForAsync<TrainingProgressed>(job.JobId);
        // Heartbeats carry the step reached, so a live worker whose steps stop is told from a silent one.
        await fixture.Events.WaitForAsync<TrainingHeartbeat>(job.JobId, h => h.Step > 0);

        await fixture.Worker.StopAsync();
        fixture.Worker.Dispose();
        fixture.Worker = await fixture.StartWorkerAsync();

        var second = await fixture.Events.WaitForAsync<TrainingStarted>(job.JobId, s => s.Attempt > 1);
        Assert.Equal(2, second.Attempt);
        Assert.Empty(fixture.Events.Of<TrainingCancelled>(job.JobId));
        Assert.Empty(fixture.Events.Of<TrainingFailed>(job.JobId));

        await fixture.Bus.Publish(new CancelTraining(job.JobId));
        Assert.IsType<TrainingCancelled>(await fixture.Events.WaitForEndAsync(job.JobId));
    }
}
