using AdapterPipeline.Contracts.TrainingData;
using Microsoft.AspNetCore.Mvc;

namespace AdapterPipeline.Ingress.TrainingData;

/// <summary>Answer to an upload or a confirmed presigned upload: the files as stored.</summary>
public sealed record UploadedFiles(string UserId, string AvatarId, IReadOnlyList<TrainingFileDetails> Files);

/// <summary>One page of the list endpoint.</summary>
public sealed record TrainingFilePage(
    string UserId,
    string AvatarId,
    IReadOnlyList<TrainingFileDetails> Files,
    int Limit,
    string? NextCursor,
    int Matching,
    int TotalFiles,
    int TrainingFiles,
    long TotalBytes);

/// <summary>Body of the training-flag endpoint: either flag or both.</summary>
public sealed record TrainingFlagBody(bool? UseForTraining, bool? UseForEval = null);

/// <summary>Answer to both delete endpoints.</summary>
public sealed record RemovedFiles(string UserId, string AvatarId, IReadOnlyList<TrainingFileDetails> Removed, int RemovedCount, long FreedBytes);

/// <summary>A presigned GET URL.</summary>
public sealed record DownloadLink(string Url, DateTimeOffset ExpiresAt);

/// <summary>Body of the request for a presigned upload URL; the size is required, since the URL is signed for it.</summary>
public sealed record UploadUrlBody(string? FileName, long? SizeBytes, string? ContentType);

/// <summary>
/// Where and how to PUT the file's bytes, and where to confirm afterwards. The PUT must send exactly
/// <paramref name="Headers"/> (the content type and length the URL is signed for); S3 refuses any other.
/// </summary>
public sealed record UploadUrl(
    string UploadId, string Url, string Method, IReadOnlyDictionary<string, string> Headers, DateTimeOffset ExpiresAt, long MaxSizeBytes, string ConfirmPath);

/// <summary>Body of the confirmation of a presigned upload: what the client says it uploaded.</summary>
public sealed record ConfirmUploadBody(string? FileName, long? SizeBytes, string? Sha256, bool? UseForTraining, string? ContentType);

/// <summary>Query of the upload endpoint. Query records carry the raw strings; <see cref="QueryValues"/> parses them naming the field.</summary>
public sealed record UploadQuery([FromQuery(Name = "use_for_training")] string? UseForTraining);

/// <summary>Query of the list endpoint.</summary>
public sealed record ListQuery(
    [FromQuery(Name = "training_only")] string? TrainingOnly, [FromQuery(Name = "limit")] string? Limit, [FromQuery(Name = "cursor")] string? Cursor);

/// <summary>Query of the download endpoint.</summary>
public sealed record DownloadQuery([FromQuery(Name = "redirect")] string? Redirect);
