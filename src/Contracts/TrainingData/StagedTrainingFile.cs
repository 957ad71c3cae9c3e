namespace AdapterPipeline.Contracts.TrainingData;

/// <summary>
/// A file that already lies in S3 and is to be recorded as a training file. The metadata service checks that the
/// object exists with <paramref name="SizeBytes"/> bytes, copies a staged upload to the avatar's training-data key,
/// and removes the staged upload once the file is recorded.
/// </summary>
/// <param name="FileName">Name to record the file under; a name already recorded is replaced.</param>
/// <param name="UploadId">
/// The upload whose bytes lie at the avatar's staging key <c>users/{user_id}/avatars/{avatar_id}/staging/{upload_id}</c>
/// (<c>[A-Za-z0-9_-]{1,64}</c>, e.g. a presigned upload's id); null when the bytes already lie at the file's own
/// training-data key <c>users/{user_id}/avatars/{avatar_id}/adapters/training_data/{file_name}</c>.
/// </param>
/// <param name="SizeBytes">Expected size of the object in bytes (must match the object, must not be zero).</param>
/// <param name="Sha256">Lowercase hex SHA-256 of the bytes, as verified by whoever wrote them.</param>
/// <param name="ContentType">Content type of the file; must be allowed for the file name's extension.</param>
/// <param name="UseForTraining">Whether training runs include this file.</param>
public sealed record StagedTrainingFile(
    string FileName,
    string? UploadId,
    long SizeBytes,
    string Sha256,
    string ContentType,
    bool UseForTraining);
