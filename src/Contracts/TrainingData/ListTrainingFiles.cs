namespace AdapterPipeline.Contracts.TrainingData;

/// <summary>
/// Asks for one page of an avatar's training files, ordered by file name (ordinal). Answered with
/// <see cref="TrainingFileList"/> or <see cref="Requests.RequestRejected"/>.
/// </summary>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
/// <param name="TrainingOnly">true: only files flagged for training; false: every file.</param>
/// <param name="Limit">Page size, 1 to 1000.</param>
/// <param name="After">The last file name of the previous page; null for the first page.</param>
public sealed record ListTrainingFiles(string UserId, string AvatarId, bool TrainingOnly, int Limit, string? After);
