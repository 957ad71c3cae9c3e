namespace AdapterPipeline.Contracts.Packaging;

/// <summary>
/// Command to the packaging workers' queue: build the adapter ZIP from the staged files and store it as
/// <c>users/{user_id}/avatars/{avatar_id}/adapters/{adapter_name}/v{version}.zip</c>. The staged files lie in the
/// job's staging folder (<c>StorageKeys.JobStaging(UserId, AvatarId, JobId)</c>), which is removed afterwards.
/// </summary>
/// <param name="JobId">The job.</param>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
/// <param name="AdapterName">The adapter.</param>
/// <param name="Version">The version number to store it as.</param>
public sealed record PackageAdapter(Guid JobId, string UserId, string AvatarId, string AdapterName, int Version);
