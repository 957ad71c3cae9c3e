namespace AdapterPipeline.Contracts.TrainingData;

/// <summary>The files of a <see cref="RecordTrainingFiles"/> are recorded and listed in metadata.json.</summary>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
/// <param name="Files">The recorded files, in the order of the command.</param>
/// <param name="StreamVersion">Version of the avatar's event stream after the change.</param>
public sealed record TrainingFilesRecorded(string UserId, string AvatarId, IReadOnlyList<TrainingFileDetails> Files, long StreamVersion);
