namespace AdapterPipeline.MetadataService.TrainingData;

/// <summary>
/// Finish the S3 work of a committed training-data change that did not complete (S3 failed, or the process died after
/// the commit): delete each named file's object unless the name is recorded again by then, and rewrite metadata.json.
/// Sent by the service to itself; retried until done.
/// </summary>
public sealed record RemoveUnrecordedObjects(string UserId, string AvatarId, IReadOnlyList<string> FileNames);
