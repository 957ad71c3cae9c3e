using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.Contracts.Training;
using AdapterPipeline.TestSupport;

namespace AdapterPipeline.TrainingWorker.Tests.Jobs;

/// <summary>A job that ended while its delivery waited for a worker is not run again.</summary>
public sealed class When_an_ended_job_is_redelivered(TrainingWorkerFixture fixture) : IClassFixture<TrainingWorkerFixture>
{
    [Fact]
    public async Task Should_ask_the_metadata_service_and_skip_it()
    {
        var data = await fixture.UploadTrainingFileAsync("long.txt", string.Concat(Enumerable.Repeat(TrainingWorkerFixture.Corpus, 10)));
        var job = TrainingWorkerFixture.Job(TrainingJobKind.Train, new TrainingHyperparameters(NumEpochs: 100, BatchSize: 1, MaxSeqLength: 16), data);
        await fixture.SendAsync(job);
        await fixture.Events.WaitForAsync<TrainingProgressed>(job.JobId);

        // The job is cancelled while its worker goes away; the delivery returns to the queue.
        fixture.Events.Mark(job.JobId, TrainingJobStates.Cancelled);
        await fixture.Worker.StopAsync();
        fixture.Worker.Dispose();
        // The answer is under test, not its speed: a loaded machine must not turn a slow answer into a re-run. Each of
        // the three questions waits 10 s; the first may go unanswered, asked before the new worker's answers can arrive.
        fixture.Worker = await fixture.StartWorkerAsync(new Dictionary<string, string?> { ["Training:LivenessCheckTimeout"] = "00:00:30" });
        await Eventually.Until(() => Task.FromResult(fixture.Events.Asked), asked => asked.Contains(job.JobId), JobEvents.Patience,
            $"the question whether job {job.JobId} is live", _ => $"the job's events {fixture.Events.Seen(job.JobId)}");

        // One job at a time, in queue order: once the next job has ended, the redelivered one was handled.
        var next = TrainingWorkerFixture.Job(TrainingJobKind.Create, new TrainingHyperparameters(BaseModel: "tiny-gpt2", LoraR: 4));
        await fixture.SendAsync(next);
        Assert.IsType<AdapterTrained>(await fixture.Events.WaitForEndAsync(next.JobId));

        Assert.Contains(job.JobId, fixture.Events.Asked);
        Assert.DoesNotContain(fixture.Events.Of<TrainingStarted>(job.JobId), s => s.Attempt > 1);
        Assert.Empty(fixture.Events.Of<AdapterTrained>(job.JobId));
        Assert.Contains(next.JobId, fixture.Events.Asked);
    }
}
