using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.TrainingWorker.Jobs;

namespace AdapterPipeline.TrainingWorker.Tests.Jobs;

public sealed class When_a_delivery_is_decided
{
    [Theory]
    [InlineData(null, false)]
    [InlineData(null, true)]
    [InlineData(TrainingJobStates.Queued, false)]
    [InlineData(TrainingJobStates.Queued, true)]
    [InlineData(TrainingJobStates.Running, true)]
    public void Should_run_a_queued_job_a_resumed_one_and_one_nobody_answered_for(string? state, bool redelivered) =>
        Assert.Null(JobStartRule.ReasonToSkip(state, redelivered));

    [Theory]
    [InlineData(TrainingJobStates.Running, false, "the job already runs on another worker (a duplicate delivery)")]
    [InlineData(TrainingJobStates.Packaging, false, "the job's training already finished (it is packaging)")]
    [InlineData(TrainingJobStates.Packaging, true, "the job's training already finished (it is packaging)")]
    [InlineData(TrainingJobStates.Succeeded, true, "the job already ended succeeded")]
    [InlineData(TrainingJobStates.Failed, false, "the job already ended failed")]
    [InlineData(TrainingJobStates.Cancelled, true, "the job already ended cancelled")]
    public void Should_skip_a_duplicate_and_a_job_past_training(string state, bool redelivered, string reason) =>
        Assert.Equal(reason, JobStartRule.ReasonToSkip(state, redelivered));
}
