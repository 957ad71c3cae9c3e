using AdapterPipeline.Contracts.Training;
using MassTransit;

namespace AdapterPipeline.TrainingWorker.Jobs;

/// <summary>
/// Stops the job named by <see cref="CancelTraining"/> if this worker runs it (the job's consumer then publishes
/// <c>TrainingCancelled</c>), and remembers the id so that the job is skipped if it arrives here later.
/// </summary>
public sealed partial class CancelTrainingConsumer(RunningTrainingJobs jobs, ILogger<CancelTrainingConsumer> logger) : IConsumer<CancelTraining>
{
    public Task Consume(ConsumeContext<CancelTraining> context)
    {
        if (jobs.Cancel(context.Message.JobId))
        {
            LogCancelling(context.Message.JobId);
        }
        return Task.CompletedTask;
    }

    [LoggerMessage(LogLevel.Information, "job {JobId}: cancel requested; stopping it")]
    private partial void LogCancelling(Guid jobId);
}
