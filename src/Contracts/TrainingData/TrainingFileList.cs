namespace AdapterPipeline.Contracts.TrainingData;

/// <summary>One page of an avatar's training files, with totals over all its files.</summary>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
/// <param name="Files">The page, ordered by file name.</param>
/// <param name="Matching">How many files match the filter in all.</param>
/// <param name="TotalFiles">How many files the avatar has.</param>
/// <param name="TrainingFiles">How many of them are flagged for training.</param>
/// <param name="TotalBytes">Sum of the sizes of all the avatar's files.</param>
/// <param name="NextAfter">Pass as <c>After</c> for the next page; null on the last page.</param>
/// <param name="StreamVersion">Version of the avatar's event stream the page was read at (0: no stream yet).</param>
public sealed record TrainingFileList(
    string UserId,
    string AvatarId,
    IReadOnlyList<TrainingFileDetails> Files,
    int Matching,
    int TotalFiles,
    int TrainingFiles,
    long TotalBytes,
    string? NextAfter,
    long StreamVersion);
