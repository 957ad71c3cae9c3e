namespace AdapterPipeline.Contracts.Adapters;

/// <summary>
/// Query: the avatar's current adapter, creating the untrained one when the avatar has none. Answered once, without
/// waiting: with <see cref="AdapterInfo"/> when the adapter exists, with <see cref="AdapterCreationAccepted"/> naming
/// the job that will produce it (a creation job started now, or the job already running), or with
/// <see cref="Requests.RequestRejected"/>.
/// </summary>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
/// <param name="ActedBy">Who asked: an API key id or a token subject, never a secret; recorded with the events it appends. Null (a system publishing on the bus): recorded as <c>bus</c>.</param>
public sealed record GetOrCreateAdapter(string UserId, string AvatarId, string? ActedBy = null);
