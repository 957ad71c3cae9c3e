namespace AdapterPipeline.Contracts.TrainingData;

/// <summary>
/// Removes one recorded file (record and object). Answered with <see cref="TrainingFilesRemoved"/> or
/// <see cref="Requests.RequestRejected"/> (<c>not_found</c> for an unknown file).
/// </summary>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
/// <param name="FileName">A recorded file.</param>
/// <param name="ActedBy">Who asked: an API key id or a token subject, never a secret; recorded with the events it appends. Null (a system publishing on the bus): recorded as <c>bus</c>.</param>
public sealed record RemoveTrainingFile(string UserId, string AvatarId, string FileName, string? ActedBy = null);
