namespace AdapterPipeline.MetadataService.Adapters;

/// <summary>
/// Finish the S3 work of a committed adapter change that did not complete (S3 failed, or the process died after the
/// commit): delete the ZIPs of removed versions and write <c>current.json</c> from the committed state
/// (<see cref="AdapterObjects.MatchAsync"/>). Sent by the service to itself; retried until done.
/// </summary>
public sealed record MatchAdapterObjects(string UserId, string AvatarId);
