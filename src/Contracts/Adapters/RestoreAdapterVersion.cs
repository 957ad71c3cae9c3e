namespace AdapterPipeline.Contracts.Adapters;

/// <summary>
/// Command: make an earlier version current again (a rollback, recorded as a new event). Answered with
/// <see cref="AdapterInfo"/> or <see cref="Requests.RequestRejected"/>.
/// </summary>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
/// <param name="Version">The version to make current.</param>
/// <param name="ActedBy">Who asked: an API key id or a token subject, never a secret; recorded with the events it appends. Null (a system publishing on the bus): recorded as <c>bus</c>.</param>
public sealed record RestoreAdapterVersion(string UserId, string AvatarId, int Version, string? ActedBy = null);
