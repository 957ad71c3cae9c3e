namespace AdapterPipeline.Contracts.TrainingData;

/// <summary>
/// Records files that already lie in S3 as training files of an avatar, all or none. Answered with
/// <see cref="TrainingFilesRecorded"/> or <see cref="Requests.RequestRejected"/> (published when the command was
/// published rather than sent as a request).
/// </summary>
/// <param name="UserId">Owner of the avatar (<c>[A-Za-z0-9_-]{1,64}</c>).</param>
/// <param name="AvatarId">The avatar (<c>[A-Za-z0-9_-]{1,64}</c>).</param>
/// <param name="Files">One or more files with distinct names.</param>
/// <param name="ActedBy">Who asked: an API key id or a token subject, never a secret; recorded with the events it appends. Null (a system publishing on the bus): recorded as <c>bus</c>.</param>
public sealed record RecordTrainingFiles(string UserId, string AvatarId, IReadOnlyList<StagedTrainingFile> Files, string? ActedBy = null);
