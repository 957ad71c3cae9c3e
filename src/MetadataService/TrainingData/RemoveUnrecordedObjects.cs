namespace AdapterPipeline.MetadataService.TrainingData;

/// <summary>
/// Finish a removal that was committed but whose S3 delete failed: delete each named training file's object unless
/// the name is recorded again by then, and rewrite metadata.json. Sent by the service to itself; retried until done.
/// </summary>
public sealed record RemoveUnrecordedObjects(string UserId, string AvatarId, IReadOnlyList<string> FileNames);
