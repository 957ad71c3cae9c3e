using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.TrainingData;

namespace AdapterPipeline.MetadataService.Jobs;

/// <summary>Starts a job's saga; published by the service itself once the job is recorded in the avatar's stream.</summary>
public sealed record JobSubmitted(
    Guid JobId,
    string Kind,
    string UserId,
    string AvatarId,
    string AdapterName,
    TrainingHyperparameters Hyperparameters,
    IReadOnlyList<FileForTraining> Files,
    string? WebhookUrl,
    DateTimeOffset SubmittedAt);

/// <summary>Someone asked to cancel the job (the cancel endpoint, a deleted adapter).</summary>
public sealed record JobCancellationRequested(Guid JobId, string Reason);

/// <summary>The watchdog found no heartbeat or progress within the allowed time.</summary>
public sealed record JobHeartbeatLost(Guid JobId, TimeSpan Silence);

/// <summary>The watchdog found a cancellation the worker never confirmed.</summary>
public sealed record JobCancellationOverdue(Guid JobId);
