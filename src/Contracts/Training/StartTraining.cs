namespace AdapterPipeline.Contracts.Training;

/// <summary>
/// Command to the training workers' queue: produce adapter files for a job and upload them to the job's staging folder
/// (<c>users/{user_id}/avatars/{avatar_id}/staging/jobs/{job_id:N}/</c>, built by <c>StorageKeys.JobStaging</c>; the
/// file names are <see cref="Staging.StagedAdapterFiles"/>). The worker holds the delivery until it is done, so a worker that dies hands the
/// job back to the queue.
/// </summary>
/// <param name="JobId">The job.</param>
/// <param name="Kind">train, or create for an untrained (B = 0) adapter.</param>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
/// <param name="AdapterName">The adapter.</param>
/// <param name="Hyperparameters">Settings as requested (nulls take defaults).</param>
/// <param name="Files">The snapshotted training files; the worker verifies each SHA-256.</param>
public sealed record StartTraining(
    Guid JobId,
    string Kind,
    string UserId,
    string AvatarId,
    string AdapterName,
    Adapters.TrainingHyperparameters Hyperparameters,
    IReadOnlyList<TrainingData.FileForTraining> Files);
