namespace AdapterPipeline.MetadataService.Adapters;

/// <summary>
/// Finish a change of the current version that was committed but whose <c>current.json</c> S3 could not take: write the
/// pointer from the committed state. Sent by the service to itself; retried until done.
/// </summary>
public sealed record RewriteAdapterPointer(string UserId, string AvatarId);
