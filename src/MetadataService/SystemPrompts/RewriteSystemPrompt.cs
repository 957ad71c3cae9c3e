namespace AdapterPipeline.MetadataService.SystemPrompts;

/// <summary>
/// Finish a committed system-prompt change whose S3 copy did not follow (S3 failed, or the process died after the
/// commit): write or delete the copy from the committed state. Sent by the service to itself; retried until done.
/// </summary>
public sealed record RewriteSystemPrompt(string UserId, string AvatarId);
