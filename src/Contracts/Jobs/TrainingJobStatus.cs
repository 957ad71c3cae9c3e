namespace AdapterPipeline.Contracts.Jobs;

/// <summary>A job as it stands.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Kind">train or create (<see cref="TrainingJobKind"/>).</param>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
/// <param name="AdapterName">The adapter it produces a version of.</param>
/// <param name="State">queued, running, packaging, succeeded, failed or cancelled.</param>
/// <param name="ProgressPercent">0–100.</param>
/// <param name="Step">Optimizer steps done.</param>
/// <param name="TotalSteps">Optimizer steps planned.</param>
/// <param name="Epoch">Current epoch (1-based).</param>
/// <param name="Loss">Latest training loss.</param>
/// <param name="EvalLoss">Latest held-out loss.</param>
/// <param name="TokensPerSecond">Latest throughput.</param>
/// <param name="EtaSeconds">Estimated seconds of training left.</param>
/// <param name="Version">The adapter version it produced, once packaged.</param>
/// <param name="Error">Why it failed or was cancelled.</param>
/// <param name="Files">The training files snapshotted when the job was accepted.</param>
/// <param name="Hyperparameters">The settings as requested.</param>
/// <param name="CreatedAt">Accepted.</param>
/// <param name="StartedAt">A worker began training.</param>
/// <param name="UpdatedAt">Last change or heartbeat.</param>
/// <param name="FinishedAt">Reached a final state.</param>
/// <param name="TrainingSeconds">The training worker's own time on the job (download, training, upload).</param>
/// <param name="PackagingSeconds">The packaging worker's own time on the job.</param>
public sealed record TrainingJobStatus(
    Guid JobId,
    string Kind,
    string UserId,
    string AvatarId,
    string AdapterName,
    string State,
    double ProgressPercent,
    int? Step,
    int? TotalSteps,
    int? Epoch,
    double? Loss,
    double? EvalLoss,
    double? TokensPerSecond,
    double? EtaSeconds,
    int? Version,
    string? Error,
    IReadOnlyList<TrainingData.FileForTraining> Files,
    Adapters.TrainingHyperparameters Hyperparameters,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt,
    double? TrainingSeconds = null,
    double? PackagingSeconds = null);
