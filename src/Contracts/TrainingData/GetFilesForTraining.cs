namespace AdapterPipeline.Contracts.TrainingData;

/// <summary>
/// Asks for the files a training run of the avatar uses now: every file flagged for training. Answered with
/// <see cref="FilesForTraining"/> or <see cref="Requests.RequestRejected"/>. Pin
/// <see cref="FilesForTraining.StreamVersion"/> and the hashes to make a run reproducible.
/// </summary>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
public sealed record GetFilesForTraining(string UserId, string AvatarId);
