namespace AdapterPipeline.Contracts.TrainingData;

/// <summary>Answer to <see cref="GetTrainingMetadata"/>.</summary>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
/// <param name="Files">File name to training flag, exactly as metadata.json holds it.</param>
/// <param name="StreamVersion">Version of the avatar's event stream it was read at (0: no stream yet).</param>
public sealed record TrainingMetadata(string UserId, string AvatarId, IReadOnlyDictionary<string, bool> Files, long StreamVersion);
