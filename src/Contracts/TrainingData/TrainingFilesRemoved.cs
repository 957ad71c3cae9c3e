namespace AdapterPipeline.Contracts.TrainingData;

/// <summary>Files were removed from an avatar's training data (records first, then the objects).</summary>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
/// <param name="Files">The removed files as they were before removal.</param>
/// <param name="StreamVersion">Version of the avatar's event stream after the change.</param>
public sealed record TrainingFilesRemoved(string UserId, string AvatarId, IReadOnlyList<TrainingFileDetails> Files, long StreamVersion);
