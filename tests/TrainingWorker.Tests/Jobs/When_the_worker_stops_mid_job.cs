using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Training;
using AdapterPipeline.ServiceDefaults.Storage;
using AdapterPipeline.TestSupport;
using AdapterPipeline.TrainingWorker.Jobs;

namespace AdapterPipeline.TrainingWorker.Tests.Jobs;

public sealed class When_the_worker_stops_mid_job(TrainingWorkerFixture fixture) : IClassFixture<TrainingWorkerFixture>
{
    [Fact]
    public async Task Should_hand_the_job_back_for_another_worker_to_resume_from_its_checkpoint_and_remove_it_at_the_end()
    {
        var data = await fixture.UploadTrainingFileAsync("long.txt", string.Concat(Enumerable.Repeat(TrainingWorkerFixture.Corpus, 10)));
        var job = TrainingWorkerFixture.Job(TrainingJobKind.Train, new TrainingHyperparameters(NumEpochs: 100, BatchSize: 1, MaxSeqLength: 16), data);
        var checkpoint = StorageKeys.JobCheckpoint(job.UserId, job.AvatarId, job.JobId);
        await fixture.SendAsync(job);
        await fixture.Events.WaitForAsync<TrainingProgressed>(job.JobId);
        // Heartbeats carry the step reached, so a live worker whose steps stop is told from a silent one.
        await fixture.Events.WaitForAsync<TrainingHeartbeat>(job.JobId, h => h.Step > 0);
        await Eventually.True(async () => await fixture.Store.HeadAsync(checkpoint, CancellationToken.None) is not null, JobEvents.Patience, "a checkpoint in S3");

        await fixture.Worker.StopAsync();
        fixture.Worker.Dispose();
        var before = fixture.Events.For(job.JobId).Count;
        fixture.Worker = await fixture.StartWorkerAsync();

        var second = await fixture.Events.WaitForAsync<TrainingStarted>(job.JobId, s => s.Attempt > 1);
        Assert.Equal(2, second.Attempt);
        var resumed = await fixture.Events.WaitForAsync<TrainingResumed>(job.JobId);
        Assert.True(resumed.Step > 0);
        await fixture.Events.WaitForAsync<TrainingProgressed>(job.JobId, p => p.Step > resumed.Step);
        var progressAfter = fixture.Events.For(job.JobId).Skip(before).OfType<TrainingProgressed>().ToList();
        Assert.All(progressAfter, p => Assert.True(p.Step > resumed.Step, $"step {p.Step} repeated after resuming at {resumed.Step}"));
        Assert.Empty(fixture.Events.Of<TrainingCancelled>(job.JobId));
        Assert.Empty(fixture.Events.Of<TrainingFailed>(job.JobId));

        await fixture.Bus.Publish(new CancelTraining(job.JobId));
        Assert.IsType<TrainingCancelled>(await fixture.Events.WaitForEndAsync(job.JobId));
        Assert.Null(await fixture.Store.HeadAsync(checkpoint, CancellationToken.None));
    }
}
