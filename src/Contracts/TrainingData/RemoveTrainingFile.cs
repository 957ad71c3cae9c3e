namespace AdapterPipeline.Contracts.TrainingData;

/// <summary>
/// Removes one recorded file (record and object). Answered with <see cref="TrainingFilesRemoved"/> or
/// <see cref="Requests.RequestRejected"/> (<c>not_found</c> for an unknown file).
/// </summary>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
/// <param name="FileName">A recorded file.</param>
public sealed record RemoveTrainingFile(string UserId, string AvatarId, string FileName);
