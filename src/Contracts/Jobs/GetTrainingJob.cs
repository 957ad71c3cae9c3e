namespace AdapterPipeline.Contracts.Jobs;

/// <summary>Query: a job's state and progress. Answered with <see cref="TrainingJobStatus"/> or <see cref="Requests.RequestRejected"/> (not_found).</summary>
/// <param name="JobId">The job.</param>
public sealed record GetTrainingJob(Guid JobId);
