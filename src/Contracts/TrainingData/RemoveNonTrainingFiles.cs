namespace AdapterPipeline.Contracts.TrainingData;

/// <summary>
/// Removes every file of the avatar whose training flag is off. Answered with <see cref="TrainingFilesRemoved"/>
/// (an empty list when there were none).
/// </summary>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
public sealed record RemoveNonTrainingFiles(string UserId, string AvatarId);
