namespace AdapterPipeline.Contracts.Adapters;

/// <summary>
/// Command: make an earlier version current again (a rollback, recorded as a new event). Answered with
/// <see cref="AdapterInfo"/> or <see cref="Requests.RequestRejected"/>.
/// </summary>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
/// <param name="Version">The version to make current.</param>
public sealed record RestoreAdapterVersion(string UserId, string AvatarId, int Version);
