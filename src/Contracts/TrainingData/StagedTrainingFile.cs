namespace AdapterPipeline.Contracts.TrainingData;

/// <summary>
/// A file that already lies in S3 and is to be recorded as a training file. The metadata service checks that the
/// object exists under <paramref name="SourceKey"/> with <paramref name="SizeBytes"/> bytes, copies it to the
/// avatar's training-data key when it lies elsewhere (e.g. a presigned upload's staging key), and removes the source
/// once the file is recorded.
/// </summary>
/// <param name="FileName">Name to record the file under; a name already recorded is replaced.</param>
/// <param name="SourceKey">
/// Where the bytes lie now: the staging key of a presigned upload
/// (<c>users/{user_id}/avatars/{avatar_id}/staging/{upload_id}</c>) or the file's own training-data key
/// (<c>users/{user_id}/avatars/{avatar_id}/adapters/training_data/{file_name}</c>). Keys outside the avatar's
/// prefix are rejected.
/// </param>
/// <param name="SizeBytes">Expected size of the object in bytes (must match the object, must not be zero).</param>
/// <param name="Sha256">Lowercase hex SHA-256 of the bytes, as verified by whoever wrote them.</param>
/// <param name="ContentType">Content type of the file; must be allowed for the file name's extension.</param>
/// <param name="UseForTraining">Whether training runs include this file.</param>
public sealed record StagedTrainingFile(
    string FileName,
    string SourceKey,
    long SizeBytes,
    string Sha256,
    string ContentType,
    bool UseForTraining);
