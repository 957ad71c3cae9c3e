namespace AdapterPipeline.Contracts.Jobs;

/// <summary>
/// Command: cancel a job. Answered with <see cref="TrainingJobStatus"/> (the job as it stands; cancellation of a
/// running job completes when the worker stops, within one training step) or
/// <see cref="Requests.RequestRejected"/> (not_found, or conflict for a finished job).
/// </summary>
/// <param name="JobId">The job.</param>
/// <param name="Reason">Recorded with the cancellation.</param>
public sealed record CancelTrainingJob(Guid JobId, string? Reason = null);
