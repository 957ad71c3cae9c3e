namespace AdapterPipeline.Contracts.Adapters;

/// <summary>Event (and answer to <see cref="DeleteAdapter"/>): the adapter and its backups are gone.</summary>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
/// <param name="AdapterName">The deleted adapter.</param>
/// <param name="ObjectsDeleted">How many S3 objects were removed.</param>
/// <param name="CancelledJobId">The job that was cancelled first, if one was running.</param>
public sealed record AdapterDeleted(string UserId, string AvatarId, string AdapterName, int ObjectsDeleted, Guid? CancelledJobId);
