namespace AdapterPipeline.Contracts.Training;

/// <summary>
/// Command to the training workers' queue: produce adapter files for a job and upload them under
/// <paramref name="StagingPrefix"/>. The worker holds the delivery until it is done, so a worker that dies hands the
/// job back to the queue.
/// </summary>
/// <param name="JobId">The job.</param>
/// <param name="Kind">train, or create for an untrained (B = 0) adapter.</param>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
/// <param name="AdapterName">The adapter.</param>
/// <param name="Hyperparameters">Settings as requested (nulls take defaults).</param>
/// <param name="Files">The snapshotted training files; the worker verifies each SHA-256.</param>
/// <param name="StagingPrefix">Where to upload adapter_config.json, adapter_model.safetensors, training_manifest.json and loss_curve.png.</param>
public sealed record StartTraining(
    Guid JobId,
    string Kind,
    string UserId,
    string AvatarId,
    string AdapterName,
    Adapters.TrainingHyperparameters Hyperparameters,
    IReadOnlyList<TrainingData.FileForTraining> Files,
    string StagingPrefix);
