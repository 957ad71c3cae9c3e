using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.Contracts.Training;

namespace AdapterPipeline.TrainingWorker.Tests.Jobs;

/// <summary>
/// A first delivery of a job the metadata service no longer calls queued (the saga's command sent again after a
/// restart) is not run: the job already runs elsewhere.
/// </summary>
public sealed class When_a_job_is_delivered_twice(TrainingWorkerFixture fixture) : IClassFixture<TrainingWorkerFixture>
{
    [Fact]
    public async Task Should_skip_the_delivery_of_a_job_that_already_runs()
    {
        var duplicate = TrainingWorkerFixture.Job(TrainingJobKind.Create, new TrainingHyperparameters(BaseModel: "tiny-gpt2", LoraR: 4));
        fixture.Events.Mark(duplicate.JobId, TrainingJobStates.Running);
        await fixture.SendAsync(duplicate);

        // One job at a time, in queue order: once the next job has ended, the duplicate was handled.
        var next = TrainingWorkerFixture.Job(TrainingJobKind.Create, new TrainingHyperparameters(BaseModel: "tiny-gpt2", LoraR: 4));
        await fixture.SendAsync(next);
        Assert.IsType<AdapterTrained>(await fixture.Events.WaitForEndAsync(next.JobId));

        Assert.Contains(duplicate.JobId, fixture.Events.Asked);
        Assert.Empty(fixture.Events.For(duplicate.JobId));
        Assert.Empty(await fixture.StagedFilesAsync(TrainingWorkerFixture.Staging(duplicate)));
    }
}
