namespace AdapterPipeline.Contracts.TrainingData;

/// <summary>
/// Removes every file of the avatar whose training flag is off. Answered with <see cref="TrainingFilesRemoved"/>
/// (an empty list when there were none).
/// </summary>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
/// <param name="ActedBy">Who asked: an API key id or a token subject, never a secret; recorded with the events it appends. Null (a system publishing on the bus): recorded as <c>bus</c>.</param>
public sealed record RemoveNonTrainingFiles(string UserId, string AvatarId, string? ActedBy = null);
