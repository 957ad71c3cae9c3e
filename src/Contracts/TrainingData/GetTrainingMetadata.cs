namespace AdapterPipeline.Contracts.TrainingData;

/// <summary>
/// Asks for the avatar's metadata.json content: every file name with its training flag. Answered with
/// <see cref="TrainingMetadata"/> (empty for an avatar without files) or <see cref="Requests.RequestRejected"/>.
/// </summary>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
public sealed record GetTrainingMetadata(string UserId, string AvatarId);
