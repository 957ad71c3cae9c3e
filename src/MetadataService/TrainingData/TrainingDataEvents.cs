namespace AdapterPipeline.MetadataService.TrainingData;

/// <summary>A file name was recorded for the first time (or again after it had been deleted).</summary>
/// <param name="UploadId">The presigned upload its bytes came from; null for a multipart upload or a file recorded in place.</param>
public sealed record TrainingFileUploaded(
    string UserId, string AvatarId, string FileName, long SizeBytes, string Sha256, string ContentType, bool UseForTraining, DateTimeOffset UploadedAt,
    string? UploadId = null);

/// <summary>A recorded file got new content under the same name; the stream keeps the previous version's event.</summary>
/// <param name="UploadId">The presigned upload its bytes came from; null for a multipart upload or a file recorded in place.</param>
public sealed record TrainingFileReplaced(
    string UserId, string AvatarId, string FileName, long SizeBytes, string Sha256, string ContentType, bool UseForTraining, DateTimeOffset UploadedAt,
    string? UploadId = null);

/// <summary>A file's training flag was switched.</summary>
public sealed record TrainingFlagChanged(string FileName, bool UseForTraining, DateTimeOffset ChangedAt);

/// <summary>A file was removed (its record first, then its object).</summary>
public sealed record TrainingFileDeleted(string FileName, DateTimeOffset DeletedAt);

/// <summary>A file's eval flag was switched: a flagged file is held out whole as the run's evaluation data.</summary>
public sealed record EvalFlagChanged(string FileName, bool UseForEval, DateTimeOffset ChangedAt);
