namespace AdapterPipeline.Contracts.Training;

/// <summary>
/// Published to every training worker instance: stop the job if you run it (within one step). A worker that
/// receives it for a job it has not started yet skips the job when it arrives.
/// </summary>
/// <param name="JobId">The job.</param>
public sealed record CancelTraining(Guid JobId);
