using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.TrainingData;

namespace AdapterPipeline.MetadataService.Adapters;

/// <summary>A job was accepted for the avatar: the files it trains on are snapshotted here.</summary>
public sealed record TrainingJobSubmitted(
    Guid JobId,
    string UserId,
    string AvatarId,
    string Kind,
    string AdapterName,
    string? IdempotencyKey,
    IReadOnlyList<FileForTraining> Files,
    TrainingHyperparameters Hyperparameters,
    DateTimeOffset SubmittedAt);

/// <summary>The avatar's job reached a final state (the version, if any, is recorded separately).</summary>
public sealed record AdapterJobFinished(Guid JobId, string State, string? Error, DateTimeOffset FinishedAt);

/// <summary>A packaged version was stored and became current.</summary>
public sealed record AdapterVersionRecorded(
    Guid JobId,
    string AdapterName,
    int Version,
    bool Trained,
    string BaseModel,
    string Key,
    string Sha256,
    long SizeBytes,
    TrainingMetricsSummary? Metrics,
    DateTimeOffset RecordedAt);

/// <summary>An earlier version became current again (a rollback).</summary>
public sealed record AdapterVersionRestored(int Version, int PreviousVersion, DateTimeOffset RestoredAt);

/// <summary>The adapter and every backup object were deleted.</summary>
public sealed record AdapterRemoved(string AdapterName, int ObjectsDeleted, Guid? CancelledJobId, DateTimeOffset RemovedAt);
