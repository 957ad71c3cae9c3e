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

/// <summary>The watchdog found the job past one of its deadlines (<see cref="JobDeadlines"/>); the reason says which.</summary>
public sealed record JobOverdue(Guid JobId, string Reason);

/// <summary>The watchdog found a cancellation the worker never confirmed.</summary>
public sealed record JobCancellationOverdue(Guid JobId);

/// <summary>
/// Remove what an ended job's workers left in S3: its staged files and, when <paramref name="Version"/> is given, the
/// ZIP under that version's key if this job stored it. Done by <c>DiscardJobArtifactsConsumer</c>, never in the saga.
/// </summary>
public sealed record DiscardJobArtifacts(Guid JobId, string UserId, string AvatarId, string AdapterName, int? Version);
